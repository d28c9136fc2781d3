/**
 * Issue 15's end-to-end case: a pull request adds a `pytorch_model.bin`
 * through Git LFS whose `data.pkl` calls `os.system`. Cardinal reads the
 * object by HTTP range from the LFS server (a fake on 127.0.0.1), scans the
 * pickle without running it, and fails the check with the call named.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import {
  api,
  createProbot,
  fixture,
  lfsPointerPatch,
  mockCreateCheckRun,
  mockCreateComment,
  mockListFiles,
  mockReviewStart,
  mockSnapshot,
  prFile,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import { useFakeLfs } from "./helpers/fake-lfs.js";

const PICKLES = path.resolve(import.meta.dirname, "fixtures/pickles/generated");
const MALICIOUS = readFileSync(path.join(PICKLES, "malicious-pytorch-zip.bin"));
const BENIGN = readFileSync(path.join(PICKLES, "benign-state-dict.bin"));
const BAD_OID = "b".repeat(64);
const GOOD_OID = "c".repeat(64);

const fake = useFakeLfs({
  objects: { [BAD_OID]: { head: new Uint8Array(MALICIOUS) }, [GOOD_OID]: { head: new Uint8Array(BENIGN) } },
  token: "ghs_cardinalTestInstallationToken",
});
// The Hub on loopback: a pull request with weights asks whether the repository mirrors a Hub repository
// (hub/mirror-files-safe); the fake has no acme-ai/tiny-llm, so the answer is not found.
const hub = useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });
const CARD = "---\nlicense: mit\nlibrary_name: transformers\n---\n# x\n\nA tiny model.\n";
const REPO = { ".gitattributes": "*.bin filter=lfs diff=lfs merge=lfs -text\n", "README.md": "# tiny-llm\n", "models/x/README.md": CARD };

async function review(oid: string, size: number, delivery: string): Promise<CheckRunBody> {
  const probot = await createProbot(app);
  const checkRuns: CheckRunBody[] = [];
  const scope = api();
  mockReviewStart(scope);
  mockListFiles(scope, [prFile("models/x/README.md", { patch: "@@ -0,0 +1,3 @@\n+---" }), prFile("models/x/pytorch_model.bin", { patch: lfsPointerPatch(size, oid) })]);
  mockSnapshot(scope, { files: { "models/x/README.md": CARD }, repo: REPO });
  mockCreateCheckRun(scope, checkRuns);
  mockCreateComment(scope, []);
  await probot.receive({ id: delivery, name: "pull_request", payload: fixture<"pull_request.opened">("pull_request.opened.json") });
  expect(unmatched.requests).toEqual([]);
  expect(hub.hub?.requests).toContain("GET /api/models/acme-ai/tiny-llm?securityStatus=true&blobs=true");
  expect(checkRuns).toHaveLength(1);
  return checkRuns[0] as CheckRunBody;
}

describe("a pull request adding a pickle checkpoint through Git LFS", () => {
  it("fails the check on a pytorch_model.bin whose data.pkl calls os.system, naming the call", async () => {
    const run = await review(BAD_OID, MALICIOUS.length, "delivery-pickle-bad");
    expect(run.conclusion).toBe("failure");
    const annotation = run.output.annotations?.find((a) => a.message.includes("weights/pickle-calls-code"));
    expect(annotation).toMatchObject({ path: "models/x/pytorch_model.bin", annotation_level: "failure" });
    expect(annotation?.message).toContain("posix.system");
    // Read by range from the LFS server, never run: the batch request, then the ranges the scan asked for.
    const requests = fake.lfs?.requests ?? [];
    expect(requests).toContain("POST /acme-ai/tiny-llm.git/info/lfs/objects/batch");
    expect(requests.filter((r) => r.startsWith(`GET /objects/${BAD_OID} bytes=`)).length).toBeGreaterThan(0);
  });

  it("passes a benign state dict read the same way", async () => {
    const run = await review(GOOD_OID, BENIGN.length, "delivery-pickle-good");
    expect(run.output.annotations?.some((a) => a.message.includes("weights/pickle-calls-code")) ?? false).toBe(false);
    expect(run.output.annotations?.some((a) => a.message.includes("weights/pickle-unknown-import")) ?? false).toBe(false);
    expect(fake.lfs?.served.get(GOOD_OID)).toBeGreaterThan(0);
  });
});
