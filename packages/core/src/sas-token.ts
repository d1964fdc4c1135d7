import { InvalidArgumentError } from "./errors.js";

/** Computes base64(HMAC-SHA256(key, message)); key and message are UTF-8 text. */
export type HmacSha256Base64 = (key: string, message: string) => string | Promise<string>;

/** Input of `createSasToken`. */
export interface SasTokenOptions {
  /** The URI the token grants access to (the namespace, the hub, or a full request path). */
  resourceUri: string;
  /** The shared access rule name (`SharedAccessKeyName`). */
  keyName: string;
  /** The shared access key exactly as written in the connection string (not base64-decoded). */
  key: string;
  /** Expiry in whole seconds since the Unix epoch. */
  expiresOn: number;
}

/**
 * Signs without checking the inputs (the client's come from a parsed connection string):
 * `SharedAccessSignature sr={sr}&sig={sig}&se={expiresOn}&skn={keyName}`.
 */
function sign(
  hmac: HmacSha256Base64,
  { resourceUri, keyName, key, expiresOn }: SasTokenOptions,
): string | Promise<string> {
  const sr = encodeURIComponent(resourceUri.toLowerCase());
  const format = (sig: string) =>
    `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${expiresOn}&skn=${keyName}`;
  const sig = hmac(key, `${sr}\n${expiresOn}`);
  return typeof sig === "string" ? format(sig) : sig.then(format);
}

/** Shared implementation of `createSasToken`; the entry points pass their platform's HMAC. */
export function createSasTokenWith(
  hmac: HmacSha256Base64,
  options: SasTokenOptions,
): string | Promise<string> {
  const { resourceUri, keyName, key, expiresOn } = options;
  if (typeof resourceUri !== "string" || resourceUri.length === 0) {
    throw new InvalidArgumentError("createSasToken: resourceUri must be a non-empty string.");
  }
  if (typeof keyName !== "string" || keyName.length === 0) {
    throw new InvalidArgumentError("createSasToken: keyName must be a non-empty string.");
  }
  if (typeof key !== "string" || key.length === 0) {
    throw new InvalidArgumentError("createSasToken: key must be a non-empty string.");
  }
  if (!Number.isSafeInteger(expiresOn) || expiresOn < 0) {
    throw new InvalidArgumentError(
      `createSasToken: expiresOn must be whole seconds since the Unix epoch, got ${String(expiresOn)}.`,
    );
  }
  return sign(hmac, options);
}

/**
 * Keeps one signed token per resource and re-signs only when it is within the refresh margin
 * of expiry (5 minutes, or half the lifetime for short lifetimes). Never an HMAC per request.
 */
export class TokenCache {
  #token: string | undefined;
  #expiresOn = 0;
  #pending: Promise<string> | undefined;
  readonly #margin: number;

  constructor(
    private readonly hmac: HmacSha256Base64,
    private readonly resourceUri: string,
    private readonly keyName: string,
    private readonly key: string,
    private readonly ttlSeconds: number,
  ) {
    this.#margin = Math.min(300, Math.floor(ttlSeconds / 2));
  }

  /** The current token; synchronous while the cached one is fresh. */
  get(): string | Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    if (this.#token !== undefined && now < this.#expiresOn - this.#margin) return this.#token;
    if (this.#pending) return this.#pending;
    const expiresOn = now + this.ttlSeconds;
    const token = sign(this.hmac, {
      resourceUri: this.resourceUri,
      keyName: this.keyName,
      key: this.key,
      expiresOn,
    });
    if (typeof token === "string") return this.#store(token, expiresOn);
    this.#pending = token.then(
      (value) => {
        this.#pending = undefined;
        return this.#store(value, expiresOn);
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    return this.#pending;
  }

  #store(token: string, expiresOn: number): string {
    this.#token = token;
    this.#expiresOn = expiresOn;
    return token;
  }
}
