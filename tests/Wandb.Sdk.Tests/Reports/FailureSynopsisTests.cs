using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class FailureSynopsisTests
{
    [TestMethod]
    public void The_first_line_of_the_message_is_kept_not_the_stack_trace()
    {
        Assert.AreEqual("accuracy 0.41 is below 0.80", FailureSynopsis.Of("accuracy 0.41 is below 0.80\n   at Churn.Tests.ModelTests.Zeta()"));
        Assert.AreEqual("boom", FailureSynopsis.Of("\r\n  boom  \r\n"), "blank lines and surrounding spaces do not count");
    }

    [TestMethod]
    public void A_short_heading_such_as_MSTest_s_Assertion_failed_is_followed_by_the_line_that_says_what_failed()
    {
        Assert.AreEqual("Assertion failed. Expected \"1 KB\" but got \"1024 B\"", FailureSynopsis.Of("Assertion failed.\nExpected \"1 KB\" but got \"1024 B\"\nthird line"));
        Assert.AreEqual("Assert.Equal() Failure: Strings differ", FailureSynopsis.Of("Assert.Equal() Failure: Strings differ\nExpected: \"1 KB\""), "a line that says what failed stands alone");
    }

    [TestMethod]
    public void Expected_and_actual_values_on_lines_of_their_own_are_joined_to_the_assertion_that_failed()
    {
        Assert.AreEqual(
            "Assert.That(result, Is.EqualTo(5)); Expected: 5, But was: 4",
            FailureSynopsis.Of("  Assert.That(result, Is.EqualTo(5))\n  Expected: 5\n  But was:  4\n\n   at Calc.Tests.AddTests.Adds()"),
            "NUnit 4 puts the expression first and pads the actual value");
        Assert.AreEqual("Expected: 5, But was: 4", FailureSynopsis.Of("  Expected: 5\n  But was:  4\n"), "NUnit 3 starts with the values");
        Assert.AreEqual(
            "Assert.Equal() Failure: Values differ; Expected: 5, Actual: 4",
            FailureSynopsis.Of("Assert.Equal() Failure: Values differ\nExpected: 5\nActual:   4"),
            "xUnit");
        Assert.AreEqual(
            "Assertion failed. Values differ; Expected: \"a\", Actual: \"b\"",
            FailureSynopsis.Of("Assertion failed.\nValues differ\nExpected: \"a\"\nActual: \"b\""),
            "a short heading still takes the line after it");
    }

    [TestMethod]
    public void A_failure_without_a_message_has_an_empty_synopsis()
    {
        Assert.AreEqual(string.Empty, FailureSynopsis.Of(null));
        Assert.AreEqual(string.Empty, FailureSynopsis.ForConsole(" \n\t\n", "unused", Visible));
    }

    [TestMethod]
    public void A_long_synopsis_is_cut_at_200_characters_with_a_note_saying_where_the_full_message_is()
    {
        Assert.AreEqual(new string('x', 200), FailureSynopsis.ForConsole(new string('x', 200), "unused", Visible), "200 characters are not cut");
        Assert.AreEqual(
            new string('x', 200) + "… (truncated; full message: file:///r/index.html#/run/ab12cd34)",
            FailureSynopsis.ForConsole(new string('x', 500) + "\nsecond line", "full message: file:///r/index.html#/run/ab12cd34", Visible));
    }

    [TestMethod]
    public void The_text_is_made_safe_after_the_cut_so_an_escape_is_never_split_and_the_note_is_left_alone()
    {
        Assert.AreEqual("<ESC>[31mred", FailureSynopsis.ForConsole("\u001b[31mred\nsecond line", "unused", Visible));

        var cut = FailureSynopsis.ForConsole(new string('x', 199) + "\u001b[31m" + new string('y', 100), "note \u001b", Visible);

        Assert.AreEqual(new string('x', 199) + "<ESC>… (truncated; note \u001b)", cut);
    }

    /// <summary>A stand-in for the callers' escapes that makes the escape character visible.</summary>
    private static string Visible(string text) => text.Replace("\u001b", "<ESC>", StringComparison.Ordinal);
}
