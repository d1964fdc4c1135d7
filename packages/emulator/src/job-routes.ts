import { type NotificationHubJob, parseJobEntry, serializeJob } from "@nhub/management";
import { type EmulatorContext, locationApiVersion, type RouteRequest } from "./context.js";
import { JOB_TYPES, startJob } from "./job-runner.js";
import { ATOM_ENTRY_TYPE, ATOM_FEED_TYPE } from "./registration-io.js";
import { errorReply, type Reply } from "./service-reply.js";

const XML_DECLARATION = /^\s*<\?xml[^>]*\?>/;

/**
 * An Atom feed of jobs: the entries `serializeJob` (`@nhub/management`) writes, inside a feed
 * element (management has no feed writer for jobs).
 */
export function jobFeed(jobs: readonly NotificationHubJob[]): string {
  const entries = jobs.map((job) => serializeJob(job).replace(XML_DECLARATION, "")).join("");
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="text">NotificationHubJobs</title>${entries}</feed>`;
}

function bad(request: RouteRequest, detail: string): Reply {
  return errorReply(400, detail, { hub: request.hub.name });
}

/**
 * `POST /{hub}/jobs`: an Atom `NotificationHubJob` entry (`Type`, `OutputContainerUri`, and
 * `ImportFileUri` for imports). 201 with `Location` and the stored job (without `Status` and
 * `Progress`, as recorded); the job then runs on its own (see `startJob`).
 */
export function handleSubmitJob(request: RouteRequest, context: EmulatorContext): Reply {
  let input: NotificationHubJob;
  try {
    input = parseJobEntry(request.body.toString("utf8"));
  } catch (error) {
    return bad(request, `Invalid job: ${(error as Error).message}`);
  }
  if (!JOB_TYPES.includes(input.type)) {
    return bad(request, `The job Type '${input.type}' is not one of ${JOB_TYPES.join(", ")}.`);
  }
  if (input.outputContainerUrl === "") return bad(request, "The job needs an OutputContainerUri.");
  const isImport = input.type !== "ExportRegistrations";
  if (isImport && input.importFileUrl === undefined) {
    return bad(request, `A ${input.type} job needs an ImportFileUri.`);
  }
  const { job } = startJob(request.hub, context, {
    type: input.type,
    outputContainerUrl: input.outputContainerUrl,
    ...(isImport ? { importFileUrl: input.importFileUrl } : {}),
  });
  const { status: _status, progress: _progress, ...submitted } = job;
  return {
    status: 201,
    headers: {
      "Content-Type": ATOM_ENTRY_TYPE,
      Location: `${context.url}${encodeURIComponent(request.hub.name)}/jobs/${encodeURIComponent(job.jobId)}?api-version=${locationApiVersion(context)}`,
    },
    body: serializeJob(submitted),
    hub: request.hub.name,
  };
}

/** `GET /{hub}/jobs/{id}`: the job entry with `Status` and `Progress`; 404 when unknown. */
export function handleGetJob(request: RouteRequest, _context: EmulatorContext): Reply {
  const id = request.rest[1] ?? "";
  const record = request.hub.jobs.get(id);
  if (record === undefined) {
    return errorReply(404, `Job '${id}' was not found.`, { hub: request.hub.name });
  }
  return {
    status: 200,
    headers: { "Content-Type": ATOM_ENTRY_TYPE },
    body: serializeJob(record.job),
    hub: request.hub.name,
  };
}

/** `GET /{hub}/jobs`: a feed of the hub's jobs, oldest first. */
export function handleListJobs(request: RouteRequest, _context: EmulatorContext): Reply {
  return {
    status: 200,
    headers: { "Content-Type": ATOM_FEED_TYPE },
    body: jobFeed([...request.hub.jobs.values()].map((record) => record.job)),
    hub: request.hub.name,
  };
}
