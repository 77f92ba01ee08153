using Wandb.Cli.Commands;

namespace Wandb.Cli.Tests.Commands;

[TestClass]
public sealed class RunTableTests
{
    [TestMethod]
    public void Durations_keep_their_digits_from_microseconds_to_hours()
    {
        var seconds = new[] { 0.000427, 0.0000005, 0.0123, 0.999, 0.9996, 0.0009996, 0.0, 5.12, 125.0, 7260.0, -1.0, double.NaN };
        CollectionAssert.AreEqual(
            new[] { "427 µs", "0.5 µs", "12.3 ms", "999 ms", "1.0 s", "1 ms", "0 s", "5.1 s", "2:05", "2:01:00", "-", "-" },
            seconds.Select(RunTable.Duration).ToArray());
    }

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
