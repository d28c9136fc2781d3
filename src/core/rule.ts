import type { Card } from "../parse/card.js";
import type { ByteSource } from "./bytes.js";
import type { PathKind } from "../parse/classify.js";
import type { Config, ConfigSource } from "./config.js";
import type { HubClient, HubFailure } from "./hub.js";
import type { RepoFiles } from "./repo.js";
import type { Report, Severity, Workspace, WorkspaceFile } from "./types.js";

export interface RuleMeta {
  /** `domain/name`, read as a sentence: `card/front-matter-valid-yaml`. */
  readonly id: string;
  /** What is wrong when the rule reports, in a few words (the finding's headline). */
  readonly title: string;
  /** One sentence: what the rule checks. */
  readonly description: string;
  /** Why it matters, for a newcomer. */
  readonly why: string;
  readonly defaultSeverity: Severity;
}

/** A relevant file with the kind its path gives it. */
export interface ReviewFile extends WorkspaceFile {
  readonly kind: PathKind;
}

export interface RuleContext {
  readonly workspace: Workspace;
  readonly files: readonly ReviewFile[];
  /** Every file recognised as a model or dataset card, parsed once. */
  readonly cards: readonly Card[];
  readonly config: Config;
  /** Ids of every registered rule (to validate configuration). */
  readonly ruleIds: readonly string[];
  /** Problems found while reading the configuration, and where it came from. */
  readonly configSource: ConfigSource;
  /** The rest of the repository at the reviewed revision, when the door provides it. */
  readonly repo?: RepoFiles;
  /** The Hub, unless Hub checks are off (offline, or switched off in the configuration). */
  readonly hub?: HubClient;
  /** The bytes of weight files (ranges, within a budget), when the door can read them. */
  readonly bytes?: ByteSource;
  /** Lookups the Hub could not answer so far in this review. */
  readonly hubFailures: () => readonly HubFailure[];
  /**
   * Await between files in a loop: lets other work run when the review has
   * held the event loop for a while, and stops the rule (the engine says so
   * in a finding) when the review's time is up.
   */
  checkpoint(): Promise<void> | void;
  report(report: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void | Promise<void>;
}

/** Identity function that gives rule objects their type. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
