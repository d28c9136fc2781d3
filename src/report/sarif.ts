/**
 * SARIF 2.1.0 (`--format sarif`): the OASIS format code-scanning services
 * read (GitHub code scanning, Azure DevOps, IDE viewers). One run, every
 * registered rule as a reporting descriptor, one result per finding.
 */
import type { RuleMeta } from "../core/rule.js";
import { plain, saysSomething } from "../core/text.js";
import type { Finding, Severity } from "../core/types.js";

export const SARIF_VERSION = "2.1.0";
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

export type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", notice: "note" };

export interface SarifInput {
  readonly findings: readonly Finding[];
  /** Every registered rule, in registry order (results point at them by index). */
  readonly rules: readonly RuleMeta[];
  /** The CLI's version. */
  readonly version: string;
  /** A rule's docs page. */
  readonly docsUrl: (ruleId: string) => string;
  /** The tool's home page. */
  readonly informationUri?: string;
}

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRegion {
  startLine: number;
  endLine?: number;
  startColumn?: number;
}

interface SarifArtifactLocation {
  uri: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations?: { physicalLocation: { artifactLocation: SarifArtifactLocation; region?: SarifRegion } }[];
  fixes?: {
    description: SarifMessage;
    artifactChanges: {
      artifactLocation: SarifArtifactLocation;
      replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
    }[];
  }[];
}

export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        semanticVersion?: string;
        informationUri?: string;
        rules: SarifReportingDescriptor[];
      };
    };
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

/** `card/front-matter-valid-yaml` → `CardFrontMatterValidYaml` (SARIF's readable rule name). */
export function sarifRuleName(id: string): string {
  return id
    .split(/[/-]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** A repository-relative path as a relative URI reference (each segment percent-encoded). */
export function sarifUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function descriptor(meta: RuleMeta, helpUri: string): SarifReportingDescriptor {
  return {
    id: meta.id,
    name: sarifRuleName(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.why} How to fix: see ${helpUri}`,
      markdown: `${meta.why}\n\n**How to fix:** see [the rule's page](${helpUri}).`,
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
  };
}

function result(f: Finding, ruleIndex: number | undefined): SarifResult {
  const message = [plain(f.message), saysSomething(f.hint) ? `How to fix: ${plain(f.hint)}` : ""].filter(Boolean).join("\n\n");
  const out: SarifResult = {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: message },
  };
  // A finding about the pull request as a whole has no file to point at.
  if (f.path === "") return out;
  const uri = sarifUri(f.path);
  let region: SarifRegion | undefined;
  if (f.line !== undefined) {
    const endLine = Math.max(f.line, f.endLine ?? f.line);
    region = {
      startLine: f.line,
      ...(endLine !== f.line ? { endLine } : {}),
      ...(f.column !== undefined ? { startColumn: f.column } : {}),
    };
  }
  out.locations = [{ physicalLocation: { artifactLocation: { uri }, ...(region ? { region } : {}) } }];
  if (f.fix) {
    const { line, endLine, replacement } = f.fix;
    out.fixes = [
      {
        description: { text: line === endLine ? `Replace line ${line}` : `Replace lines ${line}–${endLine}` },
        artifactChanges: [
          {
            artifactLocation: { uri },
            // Whole lines without their final line break, as the fix's replacement has none.
            replacements: [{ deletedRegion: { startLine: line, endLine }, insertedContent: { text: replacement } }],
          },
        ],
      },
    ];
  }
  return out;
}

/** The SARIF log for a review, as an object. Pure: same input, same output. */
export function buildSarif(input: SarifInput): SarifLog {
  const index = new Map(input.rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: "Cardinal",
            version: input.version,
            ...(/^\d+\.\d+\.\d+/.test(input.version) ? { semanticVersion: input.version } : {}),
            ...(input.informationUri ? { informationUri: input.informationUri } : {}),
            rules: input.rules.map((r) => descriptor(r, input.docsUrl(r.id))),
          },
        },
        columnKind: "utf16CodeUnits",
        results: input.findings.map((f) => result(f, index.get(f.ruleId))),
      },
    ],
  };
}

/** The SARIF log as text (`--format sarif`). */
export function renderSarif(input: SarifInput): string {
  return `${JSON.stringify(buildSarif(input), null, 2)}\n`;
}
