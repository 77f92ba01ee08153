using System.Globalization;
using Newtonsoft.Json;
using Wandb.Json;
using Wandb.Reports.Html;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>The page's cells formatted without a writer must be the writer's text to the byte, or the page data changes.</summary>
[TestClass]
public sealed class JsonValueTextTests
{
    private static readonly object?[] Values =
    {
        null, true, false, string.Empty, "plain", "</script><b>&amp;'\"\\", "tab\there\nnew\rline\u0001\u001f", "é ü 漢字 \ud83d\ude00", "\u2028\u2029",
        0L, -1L, long.MaxValue, long.MinValue, 42, (short)-7, (byte)255, 3u,
        0.0, -0.0, 0.1, 1.0 / 3, 1e-300, 5e-324, 1e21, 123456789012345678.0, double.MaxValue, -2.5e-7, 100.0,
    };

    [TestMethod]
    [DataRow(StringEscapeHandling.Default)]
    [DataRow(StringEscapeHandling.EscapeHtml)]
    [DataRow(StringEscapeHandling.EscapeNonAscii)]
    public void Every_value_formatted_without_a_writer_is_the_text_the_writer_writes(StringEscapeHandling escaping)
    {
        var random = new Random(20261201);
        var doubles = Enumerable.Range(0, 20_000).Select(_ => BitConverter.Int64BitsToDouble((long)(random.NextDouble() * long.MaxValue) * (random.Next(2) == 0 ? 1 : -1)));
        foreach (var value in Values.Concat(doubles.Where(d => !double.IsNaN(d) && !double.IsInfinity(d)).Cast<object?>()))
        {
            Assert.IsTrue(JsonValueText.TryFormat(value, escaping, out var text), $"{value}");
            Assert.AreEqual(WrittenByWriter(value, escaping), text, $"{value?.GetType().Name} {Convert.ToString(value, CultureInfo.InvariantCulture)}");
        }
    }

    [TestMethod]
    public void Non_finite_numbers_lists_and_objects_are_left_to_the_writer()
    {
        foreach (var value in new object?[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, new List<object?> { 1L }, new Dictionary<string, object?> { ["a"] = 1L }, 1.5f, 2.5m })
        {
            Assert.IsFalse(JsonValueText.TryFormat(value, StringEscapeHandling.EscapeHtml, out _), $"{value}");
        }
    }

    private static string WrittenByWriter(object? value, StringEscapeHandling escaping)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(buffer) { StringEscapeHandling = escaping, Formatting = Formatting.None })
        {
            PlainValueWriter.Write(json, value);
        }

        return buffer.ToString();
    }
}
