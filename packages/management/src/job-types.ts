/** What a job does. */
export type NotificationHubJobType =
  | "ExportRegistrations"
  | "ImportCreateRegistrations"
  | "ImportUpdateRegistrations"
  | "ImportDeleteRegistrations"
  | "ImportUpsertRegistrations";

/** Where a job is. `Completed` and `Failed` are final. */
export type NotificationHubJobStatus = "Started" | "Running" | "Completed" | "Failed";

/** A bulk export or import job. */
export interface NotificationHubJob {
  type: NotificationHubJobType;
  /** SAS URL of a blob container the job writes its output to (wire: `OutputContainerUri`). */
  outputContainerUrl: string;
  /** SAS URL of the file an import job reads (wire: `ImportFileUri`). */
  importFileUrl?: string;
  /** Read-only. */
  jobId?: string;
  /** Read-only; absent right after submission. */
  status?: NotificationHubJobStatus;
  /** Read-only: percent done, 0 to 100. */
  progress?: number;
  /** Read-only: why the job failed. */
  failure?: string;
  /** Read-only: for example `OutputFilePath` and `FailedFilePath`. */
  outputProperties?: Record<string, string>;
  /** Read-only. */
  createdAt?: Date;
  /** Read-only. */
  updatedAt?: Date;
}

/** What {@link submitJob} needs. */
export type NotificationHubJobInput = Pick<
  NotificationHubJob,
  "type" | "outputContainerUrl" | "importFileUrl"
>;
