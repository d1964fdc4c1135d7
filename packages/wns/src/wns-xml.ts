import { xmlOutline } from "@nhub/core";
import { refuse } from "./wns-error.js";

/**
 * Checks that `xml` is a well-formed XML document and returns the name of its root element
 * (core's `xmlOutline` scanner: BOM, declaration, comments and processing instructions may come
 * first; a DOCTYPE and unknown entity references are refused).
 */
export function xmlRoot(xml: string): string {
  return xmlOutline(xml, refuse).root.name;
}
