// Start-up configuration of the core, filled in by the shell that composes it.

export interface CoreConfig {
  appName: string;
  version: string;
  mode: 'desktop' | 'browser';
  platform: string;
  /** Validate handler output against the contract (on in development and tests). */
  validateOutput: boolean;
}
