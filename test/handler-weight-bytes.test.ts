/**
 * A pull request that adds weights through Git LFS: Cardinal reads only the
 * bytes its checks need, by HTTP range from the LFS server (a fake on
 * 127.0.0.1 that counts what it serves), and the check run says what the
 * header holds, or why it could not be read.
 */
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
  REPO_WITH_LFS,
  type CheckRunBody,
  useNockSandbox,
} from "./helpers/github.js";
import { useFakeHub } from "./helpers/fake-hub.js";
import { useFakeLfs } from "./helpers/fake-lfs.js";
import { checkpointHead, rawSafetensors } from "./helpers/safetensors.js";

const BROKEN = "d".repeat(64);
const GOOD = "e".repeat(64);
const MISSING = "f".repeat(64);
const FIVE_GB = 5 * 1024 ** 3;
/** A header whose JSON stops in the middle of an entry, at the start of a 5 GB object. */
const broken = rawSafetensors('{"model.embed_tokens.weight": {"dtype": "BF16", "shape": [32000, 4096], "data_offs', 0);

const fake = useFakeLfs({
  objects: { [BROKEN]: { head: broken, size: FIVE_GB }, [GOOD]: { head: checkpointHead(FIVE_GB), size: FIVE_GB } },
  token: "ghs_cardinalTestInstallationToken",
});
// The Hub on loopback: a pull request with weights asks whether the repository mirrors a Hub repository
// (hub/mirror-files-safe); the fake has no acme-ai/tiny-llm, so the answer is not found.
useFakeHub();
const unmatched = useNockSandbox({ fakeHub: true });
const opened = () => fixture<"pull_request.opened">("pull_request.opened.json");
const CARD = "---\nlicense: mit\nlibrary_name: transformers\n---\n# x\n\nA tiny model.\n";

async function reviewWeights(oid: string, delivery: string): Promise<CheckRunBody> {
  const probot = await createProbot(app);
  const checkRuns: CheckRunBody[] = [];
  const scope = api();
  mockReviewStart(scope);
  mockListFiles(scope, [prFile("models/x/README.md", { patch: "@@ -0,0 +1,3 @@\n+---" }), prFile("models/x/model.safetensors", { patch: lfsPointerPatch(FIVE_GB, oid) })]);
  mockSnapshot(scope, { files: { "models/x/README.md": CARD }, repo: REPO_WITH_LFS });
  mockCreateCheckRun(scope, checkRuns);
  mockCreateComment(scope, []);
  await probot.receive({ id: delivery, name: "pull_request", payload: opened() });
  expect(unmatched.requests).toEqual([]);
  expect(checkRuns).toHaveLength(1);
  return checkRuns[0] as CheckRunBody;
}

describe("a pull request adding safetensors weights through Git LFS", () => {
  it("fails the check on a broken header, read with one range request of 64 KiB out of 5 GB", async () => {
    const before = fake.lfs?.requests.length ?? 0;
    const run = await reviewWeights(BROKEN, "delivery-lfs-broken");
    expect(run.conclusion).toBe("failure");
    const annotation = run.output.annotations?.find((a) => a.message.includes("weights/safetensors-header-valid"));
    expect(annotation).toMatchObject({ path: "models/x/model.safetensors", annotation_level: "failure", title: "The safetensors header is broken" });
    expect(annotation?.message).toContain("The header is not valid JSON");
    // The batch request, then one range of the object's first 64 KiB: never the weights.
    expect(fake.lfs?.requests.slice(before)).toEqual([
      "POST /acme-ai/tiny-llm.git/info/lfs/objects/batch",
      `GET /objects/${BROKEN} bytes=0-65535`,
    ]);
    expect(fake.lfs?.served.get(BROKEN)).toBe(65536);
  });

  it("a valid header passes, still read from the first 64 KiB only", async () => {
    const run = await reviewWeights(GOOD, "delivery-lfs-good");
    expect(run.output.annotations?.some((a) => a.message.includes("safetensors-header-valid")) ?? false).toBe(false);
    expect(fake.lfs?.served.get(GOOD)).toBe(65536);
  });

  it("an LFS object that is not on the server: a notice that says so, no verdict on the file", async () => {
    const run = await reviewWeights(MISSING, "delivery-lfs-missing");
    expect(run.conclusion).not.toBe("failure");
    const annotation = run.output.annotations?.find((a) => a.message.includes("safetensors-header-valid"));
    expect(annotation?.annotation_level).toBe("notice");
    expect(annotation?.message).toContain("Cardinal could not read the header of `models/x/model.safetensors`: the LFS object is not on the server.");
    expect(fake.lfs?.served.get(MISSING)).toBeUndefined();
  });
});
