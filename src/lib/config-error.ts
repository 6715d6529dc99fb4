// A setting or credential that cannot be used as given. One class for credentials, profiles and server settings.
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
