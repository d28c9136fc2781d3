import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  "working-directory"?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

interface ActionManifest {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(new URL("../action.yml", import.meta.url), "utf8")) as ActionManifest;
const steps = action.runs.steps;
const runSteps = steps.filter((s) => typeof s.run === "string");
const cardinalStep = steps.find((s) => s.id === "cardinal");

describe("action.yml", () => {
  it("is a composite action named Cardinal", () => {
    expect(action.name).toBe("Cardinal");
    expect(action.description.length).toBeGreaterThan(0);
    expect(action.runs.using).toBe("composite");
  });

  it("has exactly the documented inputs, with their defaults", () => {
    expect(Object.keys(action.inputs).sort()).toEqual(["fail-on-error", "hf-token", "offline", "paths", "upload-sarif"]);
    expect(action.inputs["paths"]?.default).toBe(".");
    expect(action.inputs["offline"]?.default).toBe("false");
    expect(action.inputs["upload-sarif"]?.default).toBe("true");
    expect(action.inputs["fail-on-error"]?.default).toBe("true");
    expect(action.inputs["hf-token"]?.required).toBe(false);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
    }
  });

  it("every run step names its shell, as composite actions require", () => {
    for (const step of runSteps) expect(step.shell, step.name).toBe("bash");
  });

  it("sets up Node 20, then installs and builds Cardinal from the action's own checkout", () => {
    const setup = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(setup?.with?.["node-version"]).toBe(20);
    const install = runSteps.find((s) => s.run?.includes("npm ci"));
    expect(install?.["working-directory"]).toBe("${{ github.action_path }}");
    expect(install?.run).not.toContain("--omit=dev"); // TypeScript is a dev dependency: the build needs it
    expect(install?.run).toContain("npm run build");
    expect(steps.indexOf(setup!)).toBeLessThan(steps.indexOf(install!));
    expect(steps.indexOf(install!)).toBeLessThan(steps.indexOf(cardinalStep!));
  });

  it("runs the CLI's check command with --format sarif into cardinal.sarif, and keeps its exit code", () => {
    const run = cardinalStep?.run ?? "";
    expect(run).toMatch(/node \$\{\{ github\.action_path \}\}\/lib\/cli\/bin\.js check "\$\{paths\[@\]\}" --format sarif .*> cardinal\.sarif/);
    expect(run).toContain("set +e");
    expect(run).toContain('echo "exit-code=$code" >> "$GITHUB_OUTPUT"');
    expect(run).toContain("--offline");
    // Inputs reach the script through the environment, never pasted into it (script injection).
    expect(run).not.toMatch(/\$\{\{\s*inputs\./);
    expect(cardinalStep?.env?.["CARDINAL_PATHS"]).toBe("${{ inputs.paths }}");
    expect(cardinalStep?.env?.["CARDINAL_OFFLINE"]).toBe("${{ inputs.offline }}");
  });

  it("prints the text format to the log when the upload is off", () => {
    expect(cardinalStep?.env?.["CARDINAL_UPLOAD"]).toBe("${{ inputs.upload-sarif }}");
    expect(cardinalStep?.run).toMatch(/if \[ "\$CARDINAL_UPLOAD" != "true" \]; then[\s\S]*--format text/);
  });

  it("uploads the SARIF file with category cardinal only when upload-sarif is true", () => {
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.uses).toBe("github/codeql-action/upload-sarif@v3");
    expect(upload?.with).toEqual({ sarif_file: "cardinal.sarif", category: "cardinal" });
    expect(upload?.if).toContain("inputs.upload-sarif == 'true'");
  });

  it("fails on errors only when fail-on-error is true, after the upload", () => {
    const fail = steps.find((s) => s.if?.includes("inputs.fail-on-error"));
    expect(fail?.if).toContain("inputs.fail-on-error == 'true'");
    expect(fail?.if).toContain("steps.cardinal.outputs.exit-code == '1'");
    expect(fail?.run).toContain("exit 1");
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(steps.indexOf(upload!)).toBeLessThan(steps.indexOf(fail!));
  });

  it("passes the Hugging Face token as HF_TOKEN from the input and never echoes it", () => {
    expect(cardinalStep?.env?.["HF_TOKEN"]).toBe("${{ inputs.hf-token }}");
    // The token reaches no other step.
    for (const step of steps) {
      if (step !== cardinalStep) expect(JSON.stringify(step), step.name).not.toMatch(/HF_TOKEN|hf-token/);
    }
    for (const step of runSteps) {
      const run = step.run ?? "";
      expect(run, step.name).not.toContain("inputs.hf-token");
      for (const line of run.split("\n")) {
        if (/\b(echo|printf)\b/.test(line)) expect(line, step.name).not.toMatch(/HF_TOKEN|hf-token/i);
      }
    }
  });
});
