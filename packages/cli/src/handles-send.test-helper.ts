/** The FCM v1 message the `--device-handles` tests send. */
export const FCM_MESSAGE = '{"message":{"notification":{"title":"Hi","body":"there"}}}';

/** `nhub send --format fcmv1 --payload <FCM_MESSAGE> --device-handles <handles>`, then `rest`. */
export function sendHandlesArgs(handles: string, ...rest: string[]): string[] {
  return [
    "send",
    "--format",
    "fcmv1",
    "--payload",
    FCM_MESSAGE,
    "--device-handles",
    handles,
    ...rest,
  ];
}
