using Wandb.Reports;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class NumberTextTests
{
    [TestMethod]
    public void Durations_keep_their_digits_from_microseconds_to_hours()
    {
        var seconds = new[] { 0.000427, 0.0000005, 0.0123, 0.999, 0.9996, 0.0009996, 0.0, 5.12, 125.0, 7260.0, -1.0, double.NaN };
        CollectionAssert.AreEqual(
            new[] { "427 µs", "0.5 µs", "12.3 ms", "999 ms", "1.0 s", "1 ms", "0 s", "5.1 s", "2:05", "2:01:00", "-", "-" },
            seconds.Select(NumberText.Duration).ToArray());
    }
}
