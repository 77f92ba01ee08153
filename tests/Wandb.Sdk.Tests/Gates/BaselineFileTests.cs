using Wandb.Gates;
using Wandb.Grouping;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class BaselineFileTests
{
    private const string Accuracy = "valid.Accuracy";
    private static readonly double[] Before = { 0.851, 0.848, 0.856, 0.845, 0.853 };
    private static readonly double[] Now = { 0.821, 0.826, 0.818, 0.829 };

    [TestMethod]
    public void A_saved_baseline_file_gives_the_same_verdict_and_numbers_as_the_group_it_was_saved_from()
    {
        using var store = new TempStore();
        foreach (var value in Before)
        {
            store.AddRun("before", "cv", new Dictionary<string, object?> { [Accuracy] = value }, jobType: "CrossValidate", project: "churn");
        }

        using var folder = new TempFolder("baseline");
        var path = Path.Combine(folder.Path, "wandb-baseline.json");
        var saved = QualityGate.SaveBaseline(store.Reader(), "churn", group: null, path);
        var fromFile = BaselineFile.Read(path, "wandb-baseline.json");
        var now = GateRuns.Group("now", "CrossValidate", Accuracy, Now, 10);
        var rule = new[] { new GateRule { Metric = Accuracy } };

        var byFile = GateEvaluator.Evaluate(rule, "now", now, fromFile, new MetricGoals()).Single();
        var byGroup = GateEvaluator.Evaluate(rule, "now", now, saved, new MetricGoals()).Single();

        var expected = IndependentWelch.Of(Now, Before);
        Assert.AreEqual("before", fromFile.Group);
        Assert.IsTrue(fromFile.IsFile);
        Assert.AreEqual(GateVerdict.Regressed, byFile.Verdict);
        Assert.AreEqual(expected.P, byFile.P, 1e-9);
        Assert.AreEqual(expected.Ci95Low, byFile.Test!.Ci95Low, 1e-7);
        Assert.AreEqual(byGroup.P, byFile.P, 1e-12);
        Assert.AreEqual(Before.Length, fromFile.Find("CrossValidate", Accuracy)!.N);
        StringAssert.Contains(GateMessage.Format(byFile), "baseline file wandb-baseline.json (group before)");
    }

    [TestMethod]
    public void A_baseline_file_of_another_schema_or_with_a_bad_field_is_refused_naming_the_field_and_the_value()
    {
        using var folder = new TempFolder("baseline");
        var newer = Write(folder, "newer.json", """{ "schema": 2, "job_types": {} }""");
        var badN = Write(folder, "bad-n.json", """{ "schema": 1, "job_types": { "cv": { "auc": { "n": 0, "mean": 0.9, "std": 0.1 } } } }""");
        var badStd = Write(folder, "bad-std.json", """{ "schema": 1, "job_types": { "cv": { "auc": { "n": 3, "mean": 0.9, "std": "wide" } } } }""");
        var notJson = Write(folder, "not.json", "schema: 1");

        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => BaselineFile.Read(newer, "newer.json")).Message, "has schema 2, but this version of Wandb.Sdk reads schema 1");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => BaselineFile.Read(badN, "bad-n.json")).Message, "job_types.cv.auc.n must be a whole number of at least 1 (got 0)");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => BaselineFile.Read(badStd, "bad-std.json")).Message, "job_types.cv.auc.std must be a finite number of at least 0 (got \"wide\")");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => BaselineFile.Read(notJson, "not.json")).Message, "The baseline file not.json is not JSON");
    }

    private static string Write(TempFolder folder, string name, string text)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }
}
