using System.Buffers.Binary;
using System.Text;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Interop;

[TestClass]
public sealed class ExportTargetTests
{
    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void The_WandbExport_target_writes_one_W_and_B_offline_run_folder_per_run_and_writes_them_again_identically()
    {
        using var workspace = TestWorkspace.Create("wandb-export");
        workspace.WriteProject("Churn", outputType: "Library");
        var suffix = Guid.NewGuid().ToString("N").Substring(0, 6);
        var finished = $"fold-0-{suffix}";
        var failed = $"fold-1-{suffix}";
        WriteRun(workspace, finished, "finished", exitCode: 0);
        WriteRun(workspace, failed, "failed", exitCode: 2);

        var first = workspace.DotNet("build Churn -t:WandbExport -p:WandbExportDir=../exported", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));
        var exported = Path.Combine(workspace.Root, "exported");
        var finishedLog = Path.Combine(exported, $"offline-run-20261129_100000-{finished}", $"run-{finished}.wandb");
        var failedLog = Path.Combine(exported, $"offline-run-20261129_100000-{failed}", $"run-{failed}.wandb");
        var bytes = new[] { File.ReadAllBytes(finishedLog), File.ReadAllBytes(failedLog) };
        var second = workspace.DotNet("build Churn -t:WandbExport -p:WandbExportDir=../exported", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));
        var missing = workspace.DotNet("build Churn -t:WandbExport", environment: workspace.StoreEnvironment(), timeout: TimeSpan.FromMinutes(5));

        Assert.AreEqual(0, first.ExitCode, first.ToString());
        StringAssert.Contains(first.StandardOutput, $"Exported 2 run(s) with 6 history row(s) to {exported}. Upload them with: wandb sync {exported}/offline-run-*", first.ToString());
        CollectionAssert.AreEqual(new byte[] { (byte)':', (byte)'W', (byte)'&', (byte)'B', 0xE1, 0xBE, 0 }, bytes[0].Take(7).ToArray());
        var records = Records(bytes[0]);
        Assert.AreEqual(9, records.Count, "header, run, 3 history rows, summary, exit, final, footer");
        CollectionAssert.AreEqual(new[] { 21, 17, 2, 2, 2, 3, 18, 20, 22 }, records.Select(RecordType).ToList(), "record types in the order wandb sync needs");
        foreach (var text in new[] { finished, "churn", "cv-export-e2e", "fold", "_step", "_runtime", "_timestamp", "loss", "NaN" })
        {
            Assert.IsTrue(records.Any(r => Contains(r, text)), $"the log holds '{text}'");
        }

        CollectionAssert.AreEqual(new byte[] { 0x08, 0x02 }, Records(bytes[1])[6].Skip(5).Take(2).ToArray(), "the failed run's exit record carries exit_code 2");
        Assert.AreEqual(0, second.ExitCode, second.ToString());
        CollectionAssert.AreEqual(bytes[0], File.ReadAllBytes(finishedLog), "exporting again writes the same file");
        CollectionAssert.AreEqual(bytes[1], File.ReadAllBytes(failedLog));
        Assert.AreNotEqual(0, missing.ExitCode);
        StringAssert.Contains(missing.StandardOutput, "error WANDB125: WandbExport needs WandbExportDir", missing.ToString());
    }

    /// <summary>A run as a folder store holds it (docs/store-format.md), with a NaN among its values.</summary>
    private static void WriteRun(TestWorkspace workspace, string runId, string state, int exitCode)
    {
        var run = $"store/runs/{runId}";
        workspace.WriteFile($"{run}/run.json", $$"""
            {"schema":1,"id":"{{runId}}","name":"{{runId}}","project":"churn","group":"cv-export-e2e","job_type":"fold","tags":["e2e"],"notes":null,
             "created_at":"2026-11-29T10:00:00+00:00","system":{"host":"ci","pid":42} }
            """);
        workspace.WriteFile($"{run}/w1.state.json", $$"""
            {"schema":1,"writer":"w1","host":"ci","pid":42,"started_at":"2026-11-29T10:00:00+00:00","updated_at":"2026-11-29T10:01:00+00:00",
             "finished_at":"2026-11-29T10:01:00+00:00","state":"{{state}}","exit_code":{{exitCode}},"rows":3,"last_step":2,"config":{"fold":1},"summary":{},"last":{"loss":0.3} }
            """);
        workspace.WriteFile($"{run}/w1.history.jsonl", """
            {"_step":0,"_runtime":0.1,"_timestamp":1795970148.1,"loss":0.9}
            {"_step":1,"_runtime":0.2,"_timestamp":1795970148.2,"loss":"NaN"}
            {"_step":2,"_runtime":0.3,"_timestamp":1795970148.3,"loss":0.3}

            """);
    }

    // The records of a log whose records all fit their blocks (FULL chunks), read straight from the layout.
    private static List<byte[]> Records(byte[] log)
    {
        var records = new List<byte[]>();
        var offset = 7;
        while (offset + 7 <= log.Length)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(log.AsSpan(offset + 4));
            Assert.AreEqual(1, log[offset + 6], $"a FULL chunk at {offset}");
            records.Add(log.AsSpan(offset + 7, length).ToArray());
            offset += 7 + length;
        }

        Assert.AreEqual(log.Length, offset, "the log ends after its last record");
        return records;
    }

    // A Record is field 1 (num, varint) followed by its one record-type field; its tag says which.
    private static int RecordType(byte[] record)
    {
        var i = 1;
        while ((record[i++] & 0x80) != 0)
        {
        }

        var tag = record[i] & 0x7F;
        if ((record[i] & 0x80) != 0)
        {
            tag |= record[i + 1] << 7;
        }

        return tag >> 3;
    }

    private static bool Contains(byte[] record, string text) => Encoding.UTF8.GetString(record).Contains(text, StringComparison.Ordinal);
}
