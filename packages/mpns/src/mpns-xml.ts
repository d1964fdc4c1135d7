import { xmlOutline as readOutline, type XmlOutline, type XmlStartTag } from "@nhub/core";
import { refuse } from "./mpns-error.js";

/** A start tag: its qualified name and attributes (namespace declarations included). */
export type XmlElement = XmlStartTag;

/** Checks that `xml` is well-formed and returns its root and the root's children (core's scanner). */
export function xmlOutline(xml: string): XmlOutline {
  return readOutline(xml, refuse);
}
