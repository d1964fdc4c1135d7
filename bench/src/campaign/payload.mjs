/** The notification every campaign and delivery-log request carries: a small FCM v1 message. */
export const FCM_ADAPTER = {
  specificationVersion: "v1",
  format: "fcmv1",
  name: "bench-fcmv1",
  prepare: (payload) => ({
    body: JSON.stringify({ message: { notification: payload } }),
    contentType: "application/json;charset=utf-8",
  }),
};

export const PAYLOAD = { title: "Flash sale", body: "Everything 20% off until midnight" };

/** The handle at `index`: `tok-<index>` (the emulator process parses the index back). */
export function handleAt(index) {
  return `tok-${index}`;
}
