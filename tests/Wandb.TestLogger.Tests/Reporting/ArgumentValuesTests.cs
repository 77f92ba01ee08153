using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class ArgumentValuesTests
{
    [TestMethod]
    public void MSTest_display_names_give_typed_values_in_order()
    {
        var values = ArgumentValues.FromDisplayName("Train (\"a, b\",1.5,3,True,null)");

        CollectionAssert.AreEqual(new object?[] { "a, b", 1.5, 3L, true, null }, values.Select(v => v.Value).ToArray());
        Assert.IsTrue(values.All(v => v.Name is null));
    }

    [TestMethod]
    public void xUnit_display_names_name_their_arguments()
    {
        var values = ArgumentValues.FromDisplayName("Churn.Tests.Fold(fold: 3, learner: \"fast tree\")");

        CollectionAssert.AreEqual(new[] { "fold", "learner" }, values.Select(v => v.Name).ToArray());
        CollectionAssert.AreEqual(new object?[] { 3L, "fast tree" }, values.Select(v => v.Value).ToArray());
    }

    [TestMethod]
    public void A_display_name_without_arguments_gives_none()
    {
        Assert.IsEmpty(ArgumentValues.FromDisplayName("Evaluate"));
        Assert.IsEmpty(ArgumentValues.FromDisplayName("Evaluate ()"));
    }

    [TestMethod]
    public void MSTest_serialised_values_are_read_as_JSON_and_anything_else_kept_as_text()
    {
        Assert.AreEqual(2L, ArgumentValues.FromJson("2"));
        Assert.AreEqual("a b", ArgumentValues.FromJson("\"a b\""));
        Assert.AreEqual("[1,2]", ArgumentValues.FromJson("[1, 2]"));
        Assert.AreEqual("not json", ArgumentValues.FromJson("not json"));
    }
}
