using Wandb.Settings;

namespace Wandb.Sdk.Tests.Settings;

[TestClass]
public sealed class CountSettingTests
{
    [TestMethod]
    [DataRow("1", 1)]
    [DataRow("20000", 20000)]
    [DataRow(" 7 ", 7)]
    [DataRow("007", 7)]
    public void Whole_numbers_of_at_least_one_are_read(string text, int expected)
    {
        Assert.IsTrue(CountSetting.TryParse(text, out var count));
        Assert.AreEqual(expected, count);
    }

    // A limit that decides which runs are deleted or hidden must never be read loosely: each of these would be a
    // number to int.Parse with default styles or to a culture-aware parser.
    [TestMethod]
    [DataRow("0")]
    [DataRow("-1")]
    [DataRow("+5")]
    [DataRow("1.5")]
    [DataRow("1e3")]
    [DataRow("1,000")]
    [DataRow("ten")]
    [DataRow("")]
    [DataRow("99999999999")]
    public void Anything_else_is_refused(string text)
    {
        Assert.IsFalse(CountSetting.TryParse(text, out _));
    }
}
