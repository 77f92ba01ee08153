namespace Wandb.Sdk.Tests.Runs;

[TestClass]
public sealed class BadInputTests
{
    [TestMethod]
    public void A_null_metric_key_is_rejected()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        Assert.ThrowsExactly<ArgumentNullException>(() => run.Log(null!, 1.0));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    public void An_empty_metric_key_is_rejected(string key)
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        var error = Assert.ThrowsExactly<ArgumentException>(() => run.Log(new Dictionary<string, double> { [key] = 1 }));

        StringAssert.Contains(error.Message, "empty");
    }

    [TestMethod]
    public void Metric_keys_starting_with_an_underscore_are_reserved()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        var error = Assert.ThrowsExactly<ArgumentException>(() => run.Log(new Dictionary<string, double> { ["_step"] = 3 }));

        StringAssert.Contains(error.Message, "'_step'");
        StringAssert.Contains(error.Message, "reserved");
    }

    [TestMethod]
    public void A_metric_value_that_is_not_a_number_is_rejected_naming_key_and_value()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        var error = Assert.ThrowsExactly<ArgumentException>(() => run.Log(new Dictionary<string, object?> { ["accuracy"] = "high" }));

        StringAssert.Contains(error.Message, "'accuracy'");
        StringAssert.Contains(error.Message, "'high'");
    }

    [TestMethod]
    public void Numbers_of_any_type_can_be_logged_as_objects()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions());
        run.Log(new Dictionary<string, object?> { ["i"] = 3, ["l"] = 4L, ["f"] = 0.5f, ["m"] = 1.25m });
        run.Finish();

        var row = store.Reader().ReadHistory(run.Id).Single();
        Assert.AreEqual(3.0, row.Values["i"]);
        Assert.AreEqual(4.0, row.Values["l"]);
        Assert.AreEqual(0.5, row.Values["f"]);
        Assert.AreEqual(1.25, row.Values["m"]);
    }

    [TestMethod]
    public void A_config_value_of_an_unsupported_type_is_rejected_naming_the_key_and_type()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        var error = Assert.ThrowsExactly<ArgumentException>(() => run.Config["model"] = new object());

        StringAssert.Contains(error.Message, "'model'");
        StringAssert.Contains(error.Message, "System.Object");
    }

    [TestMethod]
    public void A_config_key_starting_with_an_underscore_is_rejected()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new RunOptions { Config = { ["_internal"] = 1 } });

        StringAssert.Contains(error.Message, "'_internal'");
    }

    [TestMethod]
    public void A_step_that_goes_backwards_is_ignored_with_one_warning()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions());
        run.Log("loss", 1, step: 5);
        run.Log("loss", 2, step: 3);
        run.Log("loss", 3, step: 2);
        run.Log("loss", 4);
        run.Finish();

        CollectionAssert.AreEqual(new long[] { 5, 6 }, store.Reader().ReadHistory(run.Id).Select(r => r.Step).ToArray());
        Assert.AreEqual(1, store.Output.Codes.Count(c => c == "WANDB004"));
    }

    [TestMethod]
    public void A_negative_step_is_rejected()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => run.Log("loss", 1, step: -1));
    }

    [TestMethod]
    public void A_step_at_the_largest_long_is_rejected_naming_it_so_no_later_step_overflows()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions());
        run.Log("loss", 1, step: long.MaxValue - 1);

        var explicitStep = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => run.Log("loss", 2, step: long.MaxValue));
        var nextStep = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => run.Log("loss", 3));
        run.Finish();

        StringAssert.Contains(explicitStep.Message, "9223372036854775807");
        StringAssert.Contains(nextStep.Message, "9223372036854775807");
        CollectionAssert.AreEqual(new[] { long.MaxValue - 1 }, store.Reader().ReadHistory(run.Id).Select(r => r.Step).ToArray());
        Assert.IsFalse(store.Output.Codes.Contains("WANDB003"), "no row was written that reads back as torn");
    }

    [TestMethod]
    public void Summary_config_and_metric_keys_starting_with_an_underscore_are_rejected_by_one_rule()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        var summary = Assert.ThrowsExactly<ArgumentException>(() => run.Summary["_x"] = 1);
        var config = Assert.ThrowsExactly<ArgumentException>(() => run.Config["_x"] = 1);
        var metric = Assert.ThrowsExactly<ArgumentException>(() => run.Log("_x", 1));

        StringAssert.Contains(summary.Message, "summary key '_x'");
        StringAssert.Contains(config.Message, "config key '_x'");
        StringAssert.Contains(metric.Message, "metric key '_x'");
        Assert.AreEqual(config.Message.Replace("config", "summary"), summary.Message, "one rule, one message");
        Assert.AreEqual(config.Message.Replace("config", "metric"), metric.Message, "one rule, one message");
    }
}
