using Wandb.Build.Tasks.Config;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class PropertyValueParserTests
{
    [TestMethod]
    [DataRow("200", 200L)]
    [DataRow("-3", -3L)]
    [DataRow(" 7 ", 7L)]
    public void Whole_numbers_are_stored_as_integers(string text, long expected) => Assert.AreEqual(expected, PropertyValueParser.Parse(text));

    [TestMethod]
    [DataRow("0.1", 0.1)]
    [DataRow("1e-3", 0.001)]
    [DataRow("-2.5", -2.5)]
    public void Decimal_numbers_are_stored_as_doubles_whatever_the_culture(string text, double expected) => Assert.AreEqual(expected, PropertyValueParser.Parse(text));

    [TestMethod]
    public void Booleans_are_stored_as_booleans_and_anything_else_as_the_text()
    {
        Assert.AreEqual(true, PropertyValueParser.Parse("True"));
        Assert.AreEqual(false, PropertyValueParser.Parse("false"));
        Assert.AreEqual("gbtree", PropertyValueParser.Parse("gbtree"));
        Assert.AreEqual("1,5", PropertyValueParser.Parse("1,5"), "a comma is not a decimal point in MSBuild");
        Assert.AreEqual("Infinity", PropertyValueParser.Parse("Infinity"));
    }
}
