using Newtonsoft.Json.Linq;
using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class ReportWriterTests
{
    [TestMethod]
    public void Runs_recorded_through_the_api_appear_in_runs_json_with_their_group_statistics()
    {
        using var store = new TempStore();
        var a1 = store.AddRun("cv-a", "fold-1", Metrics(0.80), jobType: "fold", config: new Dictionary<string, object?> { ["lr"] = 0.1 });
        var a2 = store.AddRun("cv-a", "fold-2", Metrics(0.90), jobType: "fold");
        var b1 = store.AddRun("cv-b", "fold-1", Metrics(0.70), jobType: "fold", exitCode: 3);

        var result = ReportWriter.WriteAll(store.Reader());

        var json = JObject.Parse(File.ReadAllText(result.JsonPath!));
        CollectionAssert.AreEqual(new[] { "schema", "generated_at", "runs", "groups" }, json.Properties().Select(p => p.Name).ToArray());
        Assert.AreEqual(1, (int)json["schema"]!);
        var runs = (JArray)json["runs"]!;
        Assert.AreEqual(3, runs.Count);
        var first = (JObject)runs.Single(r => (string)r["id"]! == a1);
        CollectionAssert.AreEqual(
            new[] { "id", "name", "project", "group", "job_type", "state", "exit_code", "created_at", "finished_at", "tags", "notes", "config", "summary" },
            first.Properties().Select(p => p.Name).ToArray());
        Assert.AreEqual(0.1, (double)first["config"]!["lr"]!);
        Assert.AreEqual("failed", (string)runs.Single(r => (string)r["id"]! == b1)["state"]!);

        var groupA = (JObject)json["groups"]!.Single(g => (string?)g["group"] == "cv-a");
        CollectionAssert.AreEquivalent(new[] { a1, a2 }, groupA["runs"]!.Select(t => (string)t!).ToArray());
        CollectionAssert.AreEqual(new[] { "fold" }, groupA["job_types"]!.Select(t => (string)t!).ToArray());
        Assert.AreEqual(2, (int)groupA["states"]!["finished"]!);
        var accuracy = groupA["summary"]!["accuracy"]!;
        Assert.AreEqual(2, (int)accuracy["n"]!);
        Assert.AreEqual(0.85, (double)accuracy["mean"]!, 1e-12);
        Assert.AreEqual(Math.Sqrt(0.005), (double)accuracy["std"]!, 1e-12);
        Assert.AreEqual(0.05, (double)accuracy["stderr"]!, 1e-12);
        Assert.AreEqual(0.85 - (12.7062047 * 0.05), (double)accuracy["ci95_low"]!, 1e-6);
        var groupB = json["groups"]!.Single(g => (string?)g["group"] == "cv-b");
        Assert.AreEqual(JTokenType.Null, groupB["summary"]!["accuracy"]!["std"]!.Type, "The std dev of one run is undefined: null.");
        Assert.AreEqual(1, (int)groupB["states"]!["failed"]!);
    }

    [TestMethod]
    public void Non_finite_values_keep_runs_json_parseable_and_stay_out_of_the_statistics()
    {
        using var store = new TempStore();
        store.AddRun("g", "r1", new Dictionary<string, object?> { ["loss"] = double.NaN, ["label"] = "best" });
        store.AddRun("g", "r2", new Dictionary<string, object?> { ["loss"] = 0.5, ["label"] = 3.0 });
        store.AddRun("g", "r3", new Dictionary<string, object?> { ["loss"] = double.PositiveInfinity });

        var result = ReportWriter.WriteAll(store.Reader());

        var text = File.ReadAllText(result.JsonPath!);
        var json = JObject.Parse(text); // a bare NaN token would throw here
        Assert.IsFalse(text.Contains(": NaN"), "Non-finite numbers are written as strings.");
        Assert.AreEqual("NaN", (string)json["runs"]!.Single(r => (string)r["name"]! == "r1")["summary"]!["loss"]!);
        var loss = json["groups"]![0]!["summary"]!["loss"]!;
        Assert.AreEqual(1, (int)loss["n"]!);
        Assert.AreEqual(0.5, (double)loss["mean"]!);
        Assert.AreEqual(2, (int)loss["non_finite"]!);
        var label = json["groups"]![0]!["summary"]!["label"]!;
        Assert.AreEqual(1, (int)label["non_numeric"]!);
    }

    [TestMethod]
    public void Runs_without_a_group_form_a_visible_group_of_their_own()
    {
        using var store = new TempStore();
        store.AddRun("g", "grouped", Metrics(0.9));
        var loose = store.AddRun(null, "loose", Metrics(0.6));

        var result = ReportWriter.WriteAll(store.Reader());

        var json = JObject.Parse(File.ReadAllText(result.JsonPath!));
        var none = json["groups"]!.Single(g => g["group"]!.Type == JTokenType.Null);
        CollectionAssert.AreEqual(new[] { loose }, none["runs"]!.Select(t => (string)t!).ToArray());
        StringAssert.Contains(File.ReadAllText(result.MarkdownPath!), "*(none)*");
    }

    [TestMethod]
    public void Summary_md_shows_mean_std_n_marks_the_best_group_and_compares_groups()
    {
        using var store = new TempStore();
        foreach (var v in new[] { 5.1, 4.9, 6.2, 5.5, 5.8, 6.0, 4.7, 5.3 })
        {
            store.AddRun("a", "a", new Dictionary<string, object?> { ["score"] = v });
        }

        foreach (var v in new[] { 6.1, 5.9, 7.0, 6.5, 6.8, 7.2, 5.7, 6.3, 6.6 })
        {
            store.AddRun("b", "b", new Dictionary<string, object?> { ["score"] = v });
        }

        var result = ReportWriter.WriteAll(store.Reader());

        var md = File.ReadAllText(result.MarkdownPath!);
        StringAssert.Contains(md, "| a | 8 | 8 finished | 5.438 ± 0.5344 (8) |"); // stdev 0.5343554 (Python statistics.stdev)
        StringAssert.Contains(md, "| b | 9 | 9 finished | **6.456 ± 0.5028 (9)** ★ |"); // stdev 0.5027701
        StringAssert.Contains(md, "Baseline: **b**");

        // a - b: the negated issue vector, t = 4.0312035 with the signs swapped, df = 14.49669, p = 0.0011594.
        StringAssert.Contains(md, "| a | 8 | 5.438 | -1.018 | [-1.558, -0.4781] | -4.031 | 14.5 | 0.001159 |");
    }

    [TestMethod]
    public void Failed_and_crashed_runs_are_called_out_in_summary_md()
    {
        using var store = new TempStore();
        store.AddRun("g", "good", Metrics(0.9));
        store.AddRun("g", "broken", Metrics(0.1), exitCode: 2);

        var result = ReportWriter.WriteAll(store.Reader());

        var md = File.ReadAllText(result.MarkdownPath!);
        StringAssert.Contains(md, "**1 run(s) did not finish:** 1 failed");
        StringAssert.Contains(md, "| broken |");
        StringAssert.Contains(md, "| failed | 2 |");
    }

    [TestMethod]
    public void The_console_summary_names_groups_n_key_metrics_and_report_paths()
    {
        using var store = new TempStore();
        store.AddRun("cv-a", "r1", Metrics(0.8));
        store.AddRun("cv-a", "r2", Metrics(0.9));
        store.AddRun("cv-b", "r3", Metrics(0.5));

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { FocusGroups = { "cv-b" } });

        var lines = result.ConsoleLines;
        Assert.IsTrue(lines.Count <= 8, string.Join("\n", lines));
        Assert.AreEqual("wandb: 3 run(s), 2 group(s) by group (3 finished)", lines[0]);
        Assert.AreEqual("wandb:   cv-b  n=1  accuracy 0.5", lines[1], "Focus groups come first.");
        Assert.AreEqual("wandb:   cv-a  n=2  accuracy 0.85 ± 0.07071 (best)", lines[2]);
        StringAssert.Contains(lines[^1], result.JsonPath!);
        StringAssert.Contains(lines[^1], result.MarkdownPath!);
        StringAssert.Contains(lines[^1], result.HtmlPath!);
    }

    [TestMethod]
    public void Without_groups_the_console_summary_gives_key_metrics_over_all_runs()
    {
        using var store = new TempStore();
        store.AddRun(null, "r1", Metrics(0.8));
        store.AddRun(null, "r2", Metrics(0.6));

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { Html = false });

        CollectionAssert.AreEqual(
            new[]
            {
                "wandb: 2 run(s), ungrouped (2 finished)",
                "wandb:   all runs  n=2  accuracy 0.7 ± 0.1414",
                $"wandb: reports: {result.MarkdownPath} | {result.JsonPath}",
            },
            result.ConsoleLines.ToArray());
    }

    [TestMethod]
    public void Grouping_by_a_config_key_is_used_for_summary_md()
    {
        using var store = new TempStore();
        store.AddRun("g", "r1", Metrics(0.8), config: new Dictionary<string, object?> { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.1 } });
        store.AddRun("g", "r2", Metrics(0.9), config: new Dictionary<string, object?> { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.10 } });
        store.AddRun("g", "r3", Metrics(0.5), config: new Dictionary<string, object?> { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.01 } });

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { GroupBy = new List<string> { "optimizer.lr" } });

        var md = File.ReadAllText(result.MarkdownPath!);
        StringAssert.Contains(md, "## Runs by optimizer.lr");
        StringAssert.Contains(md, "| 0.01 | 1 |");
        StringAssert.Contains(md, "| 0.1 | 2 |");
    }

    [TestMethod]
    public void Only_the_selected_reports_are_written_into_the_chosen_folder()
    {
        using var store = new TempStore();
        store.AddRun("g", "r1", Metrics(0.8));
        var output = Path.Combine(store.Root, "custom");

        var result = ReportWriter.WriteAll(store.Reader(), new ReportOptions { OutputDirectory = output, Html = false, Json = false });

        Assert.AreEqual(Path.GetFullPath(output), result.Directory);
        Assert.IsNull(result.JsonPath);
        Assert.IsNull(result.HtmlPath);
        Assert.IsTrue(File.Exists(Path.Combine(output, "summary.md")));
        CollectionAssert.AreEquivalent(new[] { "summary.md" }, Directory.GetFiles(output).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void A_bucket_count_below_two_is_rejected_naming_the_option()
    {
        using var store = new TempStore();

        var error = Assert.ThrowsExactly<ArgumentException>(() => ReportWriter.WriteAll(store.Reader(), new ReportOptions { ChartBuckets = 1 }));

        StringAssert.Contains(error.Message, "ChartBuckets");
    }

    private static Dictionary<string, object?> Metrics(double accuracy) => new() { ["accuracy"] = accuracy };

    [TestMethod]
    public void A_refresh_given_timings_marks_each_step_when_it_ends_in_the_order_each_core_takes_them()
    {
        using var store = new TempStore();
        store.AddRun("cv-a", "fold-1", Metrics(0.80), jobType: "fold");
        store.AddRun("cv-b", "fold-1", Metrics(0.70), jobType: "fold");
        var timings = new ReportTimings();

        ReportWriter.WriteAll(store.Reader(), new ReportOptions(), Wandb.Environment.SystemClock.Instance, new RecordingOutput(), timings);

        var ends = timings.Ends;
        CollectionAssert.AreEquivalent(ReportTimings.Steps.ToList(), ends.Keys.ToList(), "every step of a refresh that writes every report is marked");

        // One core: the model, runs.json, summary.md, the console summary, the index files; the other, after the model: the
        // page's curves, its runs table, the page written.
        string[] core = { ReportTimings.Model, ReportTimings.RunsJson, ReportTimings.Summary, ReportTimings.Console, ReportTimings.Indexes };
        string[] page = { ReportTimings.Model, ReportTimings.PageCurves, ReportTimings.PageRuns, ReportTimings.Page };
        foreach (var order in new[] { core, page })
        {
            for (var i = 1; i < order.Length; i++)
            {
                Assert.IsTrue(ends[order[i - 1]] <= ends[order[i]], $"{order[i - 1]} ({ends[order[i - 1]]} ms) ends before {order[i]} ({ends[order[i]]} ms)");
            }
        }
    }
}
