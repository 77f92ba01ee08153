using Wandb.Gates;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class GateRuleParserTests
{
    [TestMethod]
    public void The_issue_examples_read_as_rules_with_their_defaults()
    {
        var cv = Parse("valid.Accuracy", ("JobType", "CrossValidate"), ("Tolerance", "0.005"));
        var floor = Parse("Accuracy", ("Min", "0.80"));
        var loss = Parse("train.LossRate", ("Direction", "lower"), ("Tolerance", "2%"), ("Confidence", "0.99"));

        Assert.AreEqual(new GateRule { Metric = "valid.Accuracy", JobType = "CrossValidate", Tolerance = new GateTolerance(0.005, false) }, cv);
        Assert.AreEqual(new GateRule { Metric = "Accuracy", Min = 0.80 }, floor);
        Assert.AreEqual(0.95, floor.Confidence);
        Assert.IsNull(floor.LowerIsBetter, "the naming rule decides");
        Assert.AreEqual(new GateRule { Metric = "train.LossRate", LowerIsBetter = true, Tolerance = new GateTolerance(2, true), Confidence = 0.99 }, loss);
        Assert.AreEqual(0.02, loss.Tolerance.Absolute(-1.0), 1e-15, "a percent of the baseline mean's size");
    }

    [TestMethod]
    [DataRow("Tolerance", "-1", "WandbGate auc: Tolerance '-1' is not a number of at least 0 or a percent such as 2%.")]
    [DataRow("Tolerance", "a%", "WandbGate auc: Tolerance 'a%' is not a number of at least 0 or a percent such as 2%.")]
    [DataRow("Confidence", "95", "WandbGate auc: Confidence '95' is not a number between 0 and 1 (exclusive), such as 0.95.")]
    [DataRow("Direction", "up", "WandbGate auc: Direction 'up' is neither 'higher' nor 'lower'.")]
    [DataRow("Min", "NaN", "WandbGate auc: Min 'NaN' is not a finite number.")]
    [DataRow("Max", "0,9", "WandbGate auc: Max '0,9' is not a finite number.")]
    public void A_bad_value_is_refused_naming_the_rule_the_field_and_the_value(string field, string value, string message)
    {
        var error = Assert.ThrowsExactly<FormatException>(() => Parse("auc", (field, value)));

        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    public void Min_above_Max_is_refused()
    {
        var error = Assert.ThrowsExactly<FormatException>(() => Parse("auc", ("Min", "0.9"), ("Max", "0.8")));

        Assert.AreEqual("WandbGate auc: Min (0.9) is greater than Max (0.8), so no mean could pass.", error.Message);
    }

    private static GateRule Parse(string metric, params (string Name, string Value)[] metadata) =>
        GateRuleParser.Parse(metric, name => metadata.FirstOrDefault(m => m.Name == name).Value);
}
