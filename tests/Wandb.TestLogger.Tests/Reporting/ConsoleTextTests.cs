using Wandb.TestLogger.Reporting;

namespace Wandb.TestLogger.Tests.Reporting;

[TestClass]
public sealed class ConsoleTextTests
{
    [TestMethod]
    public void Control_characters_and_bidirectional_overrides_are_written_as_visible_escapes()
    {
        Assert.AreEqual("\\u001B[31mred\\u0007\\tbell\\u202Eevil", ConsoleText.Escape("\u001b[31mred\u0007\tbell\u202Eevil"));
        Assert.AreEqual("a\\u000Ab\\u000Dc\\u2028d\\u2066e\\u0085f", ConsoleText.Escape("a\nb\rc\u2028d\u2066e\u0085f"), "line breaks of every kind and isolates too");
    }

    [TestMethod]
    public void Text_a_terminal_only_shows_is_left_as_it_is()
    {
        const string text = "Größe ✓ 数据 \"quoted\" \\ and  two spaces";

        Assert.AreSame(text, ConsoleText.Escape(text));
    }
}
