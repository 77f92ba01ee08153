using System.Globalization;
using Wandb.Storage.Codec;

namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class HistoryLineParserTests
{
    [TestMethod]
    public void A_written_line_reads_back_with_every_value()
    {
        var row = new HistoryLineParser().TryParse("{\"_step\":3,\"_runtime\":1.5,\"_timestamp\":1795970148.108862,\"loss\":0.4,\"acc\":-2e-3}")!;

        Assert.AreEqual(3L, row.Step);
        Assert.AreEqual(1.5, row.Runtime);
        Assert.AreEqual(1795970148.108862, row.Timestamp);
        CollectionAssert.AreEqual(new[] { "loss", "acc" }, row.Values.Keys.ToArray());
        Assert.AreEqual(0.4, row.Values["loss"]);
        Assert.AreEqual(-0.002, row.Values["acc"]);
    }

    [TestMethod]
    public void Every_number_parses_to_exactly_the_double_the_runtime_parser_gives()
    {
        var random = new Random(7);
        var parser = new HistoryLineParser();
        var texts = new List<string> { "0", "-0", "1", "0.1", "0.10", "00.5", "1e22", "1e23", "1E-22", "1e-23", "9007199254740993", "123456789012345678901234", "1.7976931348623157E+308", "5E-324", "1.", ".5", "+3", "12.5e+3" };
        for (var i = 0; i < 20_000; i++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            texts.Add(value.ToString("R", CultureInfo.InvariantCulture));
            texts.Add(Math.Round(value, random.Next(0, 10)).ToString(CultureInfo.InvariantCulture));
            texts.Add(random.Next(-1_000_000, 1_000_000).ToString(CultureInfo.InvariantCulture));
        }

        foreach (var text in texts)
        {
            var row = parser.TryParse("{\"_step\":0,\"m\":" + text + "}");
            var expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
            Assert.AreEqual(expectedOk, row is not null, text);
            if (row is not null)
            {
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(row.Values["m"]), text);
            }
        }
    }

    [TestMethod]
    public void Non_finite_markers_read_as_numbers_and_other_strings_are_ignored()
    {
        var row = new HistoryLineParser().TryParse("{\"_step\":1,\"a\":\"NaN\",\"b\":\"Infinity\",\"c\":\"-Infinity\",\"d\":\"text\",\"e\":true,\"f\":null,\"g\":\"Na\\u004E\"}")!;

        Assert.IsTrue(double.IsNaN(row.Values["a"]));
        Assert.AreEqual(double.PositiveInfinity, row.Values["b"]);
        Assert.AreEqual(double.NegativeInfinity, row.Values["c"]);
        Assert.IsTrue(double.IsNaN(row.Values["g"]), "An escaped marker still means NaN.");
        Assert.IsFalse(row.Values.ContainsKey("d"));
        Assert.IsFalse(row.Values.ContainsKey("e"));
        Assert.AreEqual(4, row.Values.Count);
    }

    [TestMethod]
    public void Escaped_keys_are_unescaped_and_shared_between_rows()
    {
        var parser = new HistoryLineParser();
        var first = parser.TryParse("{\"_step\":1,\"a\\\"b\":1,\"plain\":2}")!;
        var second = parser.TryParse("{\"_step\":2,\"a\\\"b\":3,\"plain\":4}")!;

        Assert.AreEqual(1.0, first.Values["a\"b"]);
        Assert.AreSame(first.Values.Keys.Last(), second.Values.Keys.Last());
    }

    [TestMethod]
    public void A_repeated_key_keeps_the_last_value()
    {
        var row = new HistoryLineParser().TryParse("{\"_step\":1,\"a\":1,\"a\":2}")!;

        Assert.AreEqual(1, row.Values.Count);
        Assert.AreEqual(2.0, row.Values["a"]);
    }

    [TestMethod]
    public void Rows_with_many_metrics_keep_every_one()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => $"\"m{i}\":{i}").ToList();
        pairs.Add("\"m3\":99");
        var row = new HistoryLineParser().TryParse("{\"_step\":1," + string.Join(",", pairs) + "}")!;

        Assert.AreEqual(40, row.Values.Count);
        Assert.AreEqual(99.0, row.Values["m3"]);
        Assert.AreEqual(39.0, row.Values["m39"]);
        Assert.IsFalse(row.Values.TryGetValue("m40", out _));
    }

    [TestMethod]
    [DataRow("{\"_step\":1,\"a\":1")]
    [DataRow("{\"_step\":1,\"a\":")]
    [DataRow("{\"_step\":1,\"a\":1.2.3}")]
    [DataRow("{\"_step\":1,\"a")]
    [DataRow("{\"a\":1}")]
    [DataRow("{\"_step\":-1}")]
    [DataRow("{\"_step\":1.5}")]
    [DataRow("{\"_step\":1,\"a\":\"\\q\"}")]
    [DataRow("")]
    public void Torn_or_malformed_lines_are_rejected(string line)
    {
        Assert.IsNull(new HistoryLineParser().TryParse(line));
    }
}
