using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class RunGrouperTests
{
    [TestMethod]
    public void Runs_are_grouped_by_group_by_default_when_any_run_has_one()
    {
        var runs = new[] { Run("1", group: "b"), Run("2", group: "a"), Run("3", group: "b") };

        var grouping = RunGrouper.Group(runs, RunGrouper.DefaultKeys(runs));

        CollectionAssert.AreEqual(new[] { "a", "b" }, grouping.Groups.Select(g => g.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "1", "3" }, grouping.Groups[1].RunIds.ToArray());
    }

    [TestMethod]
    public void Without_any_group_the_default_is_one_row_per_run()
    {
        var runs = new[] { Run("1", name: "first"), Run("2", name: "second") };

        var grouping = RunGrouper.Group(runs, RunGrouper.DefaultKeys(runs));

        Assert.IsTrue(grouping.IsOff);
        CollectionAssert.AreEqual(new[] { "first", "second" }, grouping.Groups.Select(g => g.Label).ToArray());
        Assert.IsTrue(grouping.Groups.All(g => g.Runs.Count == 1));
    }

    [TestMethod]
    public void Runs_with_a_missing_or_null_key_form_their_own_group_listed_last()
    {
        var runs = new[]
        {
            Run("1", config: new() { ["lr"] = 0.1 }),
            Run("2", config: new() { ["lr"] = null }),
            Run("3"),
        };

        var grouping = RunGrouper.Group(runs, Keys("lr"));

        Assert.AreEqual(2, grouping.Groups.Count);
        Assert.AreEqual("(none)", grouping.Groups[1].Label);
        Assert.IsTrue(grouping.Groups[1].Path[0].IsMissing);
        CollectionAssert.AreEqual(new[] { "2", "3" }, grouping.Groups[1].RunIds.ToArray());
    }

    [TestMethod]
    public void A_text_key_groups_equal_texts_together_ordinally_with_runs_without_one_last()
    {
        // Texts bucketed as strings: equal texts of different string objects are one group, case and accents apart.
        var runs = new[]
        {
            Run("1", group: "b"), Run("2"), Run("3", group: new string('b', 1)), Run("4", group: "B"), Run("5", group: "é"), Run("6"),
        };

        var grouping = RunGrouper.Group(runs, Keys("group"));

        CollectionAssert.AreEqual(new[] { "B", "b", "é", "(none)" }, grouping.Groups.Select(g => g.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "1", "3" }, grouping.Groups[1].RunIds.ToArray());
        CollectionAssert.AreEqual(new[] { "2", "6" }, grouping.Groups[3].RunIds.ToArray());
        Assert.IsTrue(grouping.Groups[3].Path[0].IsMissing);
    }

    [TestMethod]
    public void Runs_of_a_group_that_come_back_after_other_groups_join_its_first_bucket()
    {
        // A run of the same text as the run before joins that run's bucket without a look-up: a group interrupted by
        // another group and by runs without one must still be one group, its runs in the order given.
        var runs = new[]
        {
            Run("1", group: "a"), Run("2", group: "a"), Run("3", group: "b"), Run("4"), Run("5", group: new string('a', 1)),
            Run("6", group: "b"), Run("7", group: "a"),
        };

        var grouping = RunGrouper.Group(runs, Keys("group"));

        CollectionAssert.AreEqual(new[] { "a", "b", "(none)" }, grouping.Groups.Select(g => g.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "1", "2", "5", "7" }, grouping.Groups[0].RunIds.ToArray());
        CollectionAssert.AreEqual(new[] { "3", "6" }, grouping.Groups[1].RunIds.ToArray());
        CollectionAssert.AreEqual(new[] { "4" }, grouping.Groups[2].RunIds.ToArray());
    }

    [TestMethod]
    public void Two_text_keys_group_by_both_texts_ordinally_each_missing_value_last()
    {
        // The table by group / job_type: bucketed by the two texts, equal texts of different string objects together.
        var runs = new[]
        {
            Run("1", group: "b", jobType: "train"), Run("2", jobType: "train"), Run("3", group: new string('b', 1), jobType: new string("train".ToCharArray())),
            Run("4", group: "b"), Run("5", group: "B", jobType: "eval"), Run("6"), Run("7", group: "b", jobType: "train"),
        };

        var grouping = RunGrouper.Group(runs, Keys("group", "job_type"));

        CollectionAssert.AreEqual(new[] { "B / eval", "b / train", "b / (none)", "(none) / train", "(none) / (none)" }, grouping.Groups.Select(g => g.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "1", "3", "7" }, grouping.Groups[1].RunIds.ToArray());
        Assert.IsTrue(grouping.Groups[2].Path[1].IsMissing && !grouping.Groups[2].Path[0].IsMissing);
        CollectionAssert.AreEqual(new[] { "6" }, grouping.Groups[4].RunIds.ToArray());
        Assert.AreEqual("train", grouping.Groups[3].Path[1].Text);
    }

    [TestMethod]
    public void Numbers_group_by_value_whatever_their_spelling_or_type()
    {
        var runs = new[]
        {
            Run("1", config: new() { ["lr"] = 0.1 }),
            Run("2", config: new() { ["lr"] = double.Parse("0.10", System.Globalization.CultureInfo.InvariantCulture) }),
            Run("3", config: new() { ["lr"] = 1e-1 }),
            Run("4", config: new() { ["lr"] = 2L }),
            Run("5", config: new() { ["lr"] = 2.0 }),
            Run("6", config: new() { ["lr"] = "0.1" }),
        };

        var grouping = RunGrouper.Group(runs, Keys("lr"));

        CollectionAssert.AreEqual(new[] { "0.1", "2", "0.1" }, grouping.Groups.Select(g => g.Label).ToArray(), "numbers first (ascending), then text");
        Assert.AreEqual(3, grouping.Groups[0].Runs.Count);
        Assert.AreEqual(2, grouping.Groups[1].Runs.Count);
        Assert.AreEqual(GroupValueKind.Text, grouping.Groups[2].Path[0].Kind, "The string \"0.1\" is not the number 0.1.");
    }

    [TestMethod]
    public void Nested_config_is_reached_with_flattened_paths_and_keys_nest_in_order()
    {
        var runs = new[]
        {
            Run("1", config: new() { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.01 }, ["batch_size"] = 32L }),
            Run("2", config: new() { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.01 }, ["batch_size"] = 64L }),
            Run("3", config: new() { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.1 }, ["batch_size"] = 32L }),
            Run("4", config: new() { ["optimizer"] = new Dictionary<string, object?> { ["lr"] = 0.01 }, ["batch_size"] = 32L }),
        };

        var grouping = RunGrouper.Group(runs, Keys("optimizer.lr", "batch_size"));

        CollectionAssert.AreEqual(new[] { "0.01 / 32", "0.01 / 64", "0.1 / 32" }, grouping.Groups.Select(g => g.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "1", "4" }, grouping.Groups[0].RunIds.ToArray());
        Assert.AreEqual("optimizer.lr / batch_size", grouping.Title);
    }

    [TestMethod]
    public void Built_in_columns_group_by_job_type_state_project_and_tags()
    {
        var runs = new[]
        {
            Run("1", jobType: "train", state: RunState.Finished, tags: new[] { "b", "a" }),
            Run("2", jobType: "eval", state: RunState.Failed, tags: new[] { "a", "b" }),
            Run("3", jobType: "train", state: RunState.Crashed),
        };

        CollectionAssert.AreEqual(new[] { "eval", "train" }, Labels(runs, "job_type"));
        CollectionAssert.AreEqual(new[] { "crashed", "failed", "finished" }, Labels(runs, "state"));
        CollectionAssert.AreEqual(new[] { "proj" }, Labels(runs, "project"));
        CollectionAssert.AreEqual(new[] { "a, b", "(none)" }, Labels(runs, "tags"), "A run's tag set is its key; no tags is the missing group.");
    }

    [TestMethod]
    public void The_config_prefix_reaches_a_config_key_named_like_a_built_in_column()
    {
        var runs = new[] { Run("1", group: "g", config: new() { ["group"] = "from-config" }) };

        CollectionAssert.AreEqual(new[] { "from-config" }, Labels(runs, "config.group"));
        CollectionAssert.AreEqual(new[] { "g" }, Labels(runs, "group"));
    }

    [TestMethod]
    public void A_blank_key_is_rejected_with_a_message_naming_the_choices()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => GroupingKey.Parse(" "));

        StringAssert.Contains(error.Message, "job_type");
    }

    [TestMethod]
    public void Group_summaries_skip_non_numeric_metrics_but_count_their_strays()
    {
        var runs = new[]
        {
            Run("1", summary: new() { ["acc"] = 0.5, ["model"] = "a.zip" }),
            Run("2", summary: new() { ["acc"] = "n/a" }),
            Run("3", summary: new() { ["acc"] = 0.7 }),
        };

        var summary = SummaryStatistics.Of(runs);

        Assert.IsFalse(summary.ContainsKey("model"), "A metric nobody logged as a number is not a numeric metric.");
        Assert.AreEqual(2, summary["acc"].N);
        Assert.AreEqual(0.6, summary["acc"].Mean, 1e-15);
        Assert.AreEqual(1, summary["acc"].NonNumeric);
    }

    private static string[] Labels(IReadOnlyList<StoredRun> runs, string key) =>
        RunGrouper.Group(runs, Keys(key)).Groups.Select(g => g.Label).ToArray();

    private static GroupingKey[] Keys(params string[] names) => names.Select(GroupingKey.Parse).ToArray();

    private static StoredRun Run(
        string id,
        string? name = null,
        string? group = null,
        string? jobType = null,
        RunState state = RunState.Finished,
        string[]? tags = null,
        Dictionary<string, object?>? config = null,
        Dictionary<string, object?>? summary = null) => new()
        {
            Id = id,
            Name = name ?? id,
            Project = "proj",
            Group = group,
            JobType = jobType,
            State = state,
            Tags = tags ?? Array.Empty<string>(),
            Config = config ?? new Dictionary<string, object?>(),
            Summary = summary ?? new Dictionary<string, object?>(),
        };
}
