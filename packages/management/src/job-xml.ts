import { InvalidArgumentError } from "@nhub/core";
import type {
  NotificationHubJob,
  NotificationHubJobStatus,
  NotificationHubJobType,
} from "./job-types.js";
import { parseServiceTime } from "./service-time.js";
import {
  ARRAYS_NS,
  ATOM_NS,
  child,
  childText,
  elements,
  isElement,
  parseXml,
  SB_NS,
  type XmlElement,
  XmlWriter,
  XSI_NS,
} from "./xml.js";

/**
 * Writes a job as an Atom entry: `JobId`, `Progress`, `Type`, `Status`, `OutputContainerUri`,
 * `ImportFileUri` (both in CDATA), `Failure`, `OutputProperties`, `CreatedAt`, `UpdatedAt`, each
 * only when set. A job to submit has only `type` and the URLs.
 */
export function serializeJob(job: NotificationHubJob): string {
  const writer = new XmlWriter(ATOM_NS, "entry");
  if (job.jobId !== undefined)
    writer.element(writer.root, ATOM_NS, "title", job.jobId).setAttribute("type", "text");
  const content = writer.element(writer.root, ATOM_NS, "content");
  content.setAttribute("type", "application/xml");
  const el = writer.element(content, SB_NS, "NotificationHubJob");
  writer.declare(el, "i", XSI_NS);
  const text = (name: string, value: string | undefined) => {
    if (value !== undefined) writer.element(el, SB_NS, name, value);
  };
  text("JobId", job.jobId);
  text("Progress", job.progress === undefined ? undefined : String(job.progress));
  text("Type", job.type);
  text("Status", job.status);
  writer.cdataElement(el, SB_NS, "OutputContainerUri", job.outputContainerUrl);
  if (job.importFileUrl !== undefined)
    writer.cdataElement(el, SB_NS, "ImportFileUri", job.importFileUrl);
  text("Failure", job.failure);
  if (job.outputProperties !== undefined) {
    const props = writer.element(el, SB_NS, "OutputProperties");
    writer.declare(props, "d3p1", ARRAYS_NS);
    for (const [key, value] of Object.entries(job.outputProperties)) {
      const pair = writer.element(props, ARRAYS_NS, "d3p1:KeyValueOfstringstring");
      writer.element(pair, ARRAYS_NS, "d3p1:Key", key);
      writer.element(pair, ARRAYS_NS, "d3p1:Value", value);
    }
  }
  text("CreatedAt", job.createdAt?.toISOString());
  text("UpdatedAt", job.updatedAt?.toISOString());
  return writer.toString();
}

/** Reads one job from an Atom entry. Throws InvalidArgumentError when the text holds none. */
export function parseJobEntry(text: string): NotificationHubJob {
  const root = parseXml(text, "an Atom entry holding a NotificationHubJob");
  const job = root.localName === "NotificationHubJob" ? root : jobElement(root);
  if (!job)
    throw new InvalidArgumentError(
      `Expected an Atom entry holding a NotificationHubJob, got <${root.localName}>.`,
    );
  return readJob(job);
}

/** Reads every job of an Atom feed (`GET jobs`). */
export function parseJobFeed(text: string): NotificationHubJob[] {
  const root = parseXml(text, "an Atom feed of jobs");
  if (root.localName !== "feed")
    throw new InvalidArgumentError(`Expected an Atom feed of jobs, got <${root.localName}>.`);
  return elements(root)
    .filter((entry) => isElement(entry, "entry", root.namespaceURI))
    .map(jobElement)
    .filter((el): el is XmlElement => el !== undefined)
    .map(readJob);
}

function jobElement(entry: XmlElement): XmlElement | undefined {
  if (entry.localName !== "entry") return undefined;
  const content = child(entry, "content", entry.namespaceURI);
  return content ? child(content, "NotificationHubJob", SB_NS) : undefined;
}

function readJob(el: XmlElement): NotificationHubJob {
  const ns = el.namespaceURI;
  const get = (name: string) => childText(el, name, ns)?.trim();
  const job: NotificationHubJob = {
    type: (get("Type") ?? "") as NotificationHubJobType,
    outputContainerUrl: get("OutputContainerUri") ?? "",
  };
  const importFile = get("ImportFileUri");
  if (importFile) job.importFileUrl = importFile;
  const jobId = get("JobId");
  if (jobId) job.jobId = jobId;
  const status = get("Status");
  if (status) job.status = status as NotificationHubJobStatus;
  const progress = get("Progress");
  if (progress && Number.isFinite(Number(progress))) job.progress = Number(progress);
  const failure = get("Failure");
  if (failure) job.failure = failure;
  const props = child(el, "OutputProperties", ns);
  if (props) {
    const out: Record<string, string> = {};
    for (const pair of elements(props)) {
      const key = childText(pair, "Key", ARRAYS_NS);
      if (key !== undefined) out[key] = childText(pair, "Value", ARRAYS_NS) ?? "";
    }
    job.outputProperties = out;
  }
  const created = parseServiceTime(get("CreatedAt"));
  if (created) job.createdAt = created;
  const updated = parseServiceTime(get("UpdatedAt"));
  if (updated) job.updatedAt = updated;
  return job;
}
