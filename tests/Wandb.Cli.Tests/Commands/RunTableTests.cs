using Wandb.Cli.Commands;

namespace Wandb.Cli.Tests.Commands;

[TestClass]
public sealed class RunTableTests
{
    [TestMethod]
    public void Long_text_is_cut_to_the_column_width_and_never_splits_a_surrogate_pair()
    {
        var name = new string('n', 200);
        var cut = RunTable.Cut(name);
        Assert.AreEqual(RunTable.MaxTextWidth, cut.Length);
        Assert.AreEqual(new string('n', RunTable.MaxTextWidth - 1) + "…", cut);
        Assert.AreEqual("short", RunTable.Cut("short"));
        Assert.AreEqual(new string('x', RunTable.MaxTextWidth), RunTable.Cut(new string('x', RunTable.MaxTextWidth)), "a name that fits is whole");

        // An emoji (two UTF-16 units) straddling the cut goes whole, not half.
        var emoji = new string('e', RunTable.MaxTextWidth - 2) + "😀" + "tail";
        var cutEmoji = RunTable.Cut(emoji);
        Assert.AreEqual(new string('e', RunTable.MaxTextWidth - 2) + "…", cutEmoji);
    }
}
