using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json;
using Wandb.Storage;
using Wandb.Storage.Codec;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>
/// The run index reads documents with <see cref="Utf8DocumentReader"/>, the run folders with
/// <see cref="StoreDocumentReader"/>: both must read the same text to the same values, down to the type of a
/// number and the bits of a double, or a listing through the index would differ from a full scan.
/// </summary>
[TestClass]
public sealed class Utf8DocumentReaderTests
{
    private const string TrickyState = """
        {"schema":1,"writer":"w\u00e9\"1","host":"h\u00f6st \ud83d\ude80","pid":70000,"process_started_at":"2026-11-29T16:35:48.0945532+05:30",
         "started_at":"2026-11-29T16:35:48+00:00","updated_at":"2026-11-29T16:35:48.1Z","finished_at":"2026-11-29T16:35:48",
         "state":"failed","exit_code":3.6,"rows":"twelve","last_step":9007199254740993,"unknown":{"deep":[1,2,{"x":null}]},
         "config":{"lr":0.1,"big":9223372036854775807,"small":-9223372036854775808,"tiny":5E-324,"huge":1.7976931348623157E+308,
                   "neg0":-0.0,"int0":-0,"exp":1e22,"exp23":1E+23,"frac17":0.30000000000000004,"frac16":0.9723841284729384,
                   "long16":1234567890123456.7,"lead":0.000123,"nan":"NaN","inf":"Infinity","ninf":"-Infinity","text":"line\nbreak\t\"q\" \\ \u2028",
                   "flag":false,"none":null,"list":[1,2.5,"s",[true,null],{"a":{"b":{"c":1}}}],"nested":{"beta":0.9,"eps":1e-8},
                   "lr":0.2},
         "summary":"not an object","last":{"loss":"NaN","acc":0.81,"label":"x","flag":true,"n":3,"big":1e300},"dropped_rows":2,"extra":1}
        """;

    private const string TrickyMetadata = """
        {"schema":1,"id":"ph7f4r75","name":"fold \"3\" \u00e9","project":"churn","group":null,"job_type":7,"tags":["a","NaN",1,2.5,true,null,"b<c>"],
         "notes":"line\nbreak","created_at":"2026-11-29T16:35:48.0945532-08:00",
         "system":{"host":"vm","os":null,"dotnet":".NET 10","pid":42,"git_commit":"abc","git_branch":"main","git_dirty":"yes","ci_provider":"github","ci_run_id":"1-1"}}
        """;

    [TestMethod]
    public void A_writer_state_with_tricky_values_reads_the_same_with_both_readers()
    {
        var expected = StoreDocumentReader.ReadState(TrickyState);
        var actual = ReadUtf8(TrickyState, (ref Utf8JsonReader r) => Utf8DocumentReader.ReadState(ref r));

        Assert.AreEqual(Describe(expected), Describe(actual));
        Assert.IsInstanceOfType<long>(actual.Config["big"]);
        Assert.IsInstanceOfType<double>(actual.Config["exp"]);
        Assert.IsTrue(double.IsNegative((double)actual.Config["neg0"]!), "-0.0 keeps its sign");
        Assert.AreEqual(0.2, actual.Config["lr"], "the last of two equal keys wins");
    }

    [TestMethod]
    public void Run_metadata_with_tricky_values_reads_the_same_with_both_readers()
    {
        var expected = StoreDocumentReader.ReadMetadata(TrickyMetadata);
        var actual = ReadUtf8(TrickyMetadata, (ref Utf8JsonReader r) => Utf8DocumentReader.ReadMetadata(ref r));

        Assert.AreEqual(Describe(expected), Describe(actual));
        CollectionAssert.AreEqual(new[] { "a", "NaN", "1", "2.5", "True", string.Empty, "b<c>" }, actual.Tags);
    }

    [TestMethod]
    public void Documents_the_store_writes_read_the_same_with_both_readers()
    {
        var when = new DateTimeOffset(2026, 11, 29, 16, 35, 48, 94, TimeSpan.FromHours(-3)).AddTicks(5532);
        var state = new WriterStateFile
        {
            Writer = "w1", Host = "vm", Pid = 7, ProcessStartedAt = when, StartedAt = when, UpdatedAt = when.AddSeconds(1), State = "finished", ExitCode = 0,
            Rows = 12, LastStep = 11,
            Config = { ["lr"] = 1e-3, ["trees"] = 200L, ["name"] = "sgd\u0001", ["nan"] = double.NaN, ["opt"] = new Dictionary<string, object?> { ["inf"] = double.NegativeInfinity } },
            Summary = { ["best"] = double.PositiveInfinity, ["big"] = long.MaxValue },
            Last = { ["loss"] = double.NaN, ["acc"] = 0.1 + 0.2, ["tiny"] = double.Epsilon },
        };
        var text = Encoding.UTF8.GetString(StoreCodec.Serialize(state));

        Assert.AreEqual(Describe(StoreDocumentReader.ReadState(text)), Describe(ReadUtf8(text, (ref Utf8JsonReader r) => Utf8DocumentReader.ReadState(ref r))));
    }

    [TestMethod]
    public void A_batch_line_with_tricky_values_reads_the_same_with_both_readers()
    {
        // Properties in another order than the writer's, an unknown one and a duplicate "run": the last wins in both.
        var line = "{\"state\":" + TrickyState.ReplaceLineEndings(string.Empty) + ",\"extra\":[1,{\"run\":2}],\"run\":{\"id\":\"first\"},\"run\":" + TrickyMetadata.ReplaceLineEndings(string.Empty) + "}";

        var expected = StoreDocumentReader.ReadBatchLine(line);
        var actual = Utf8DocumentReader.ReadBatchLine(Encoding.UTF8.GetBytes(line));

        Assert.AreEqual(Describe(expected.Run), Describe(actual.Run));
        Assert.AreEqual(Describe(expected.State), Describe(actual.State));
        Assert.AreEqual("ph7f4r75", actual.Run.Id);
    }

    [TestMethod]
    public void A_batch_line_without_its_run_or_state_or_cut_short_is_refused_by_both_readers()
    {
        foreach (var line in new[] { "{\"run\":{\"id\":\"a\"}}", "{\"state\":{\"writer\":\"w\"}}", "{\"run\":{\"id\":\"a\"},\"state\":{\"wri", "[1,2]", "{\"run\":[],\"state\":{}}" })
        {
            Assert.Throws<Newtonsoft.Json.JsonException>(() => StoreDocumentReader.ReadBatchLine(line), line);
            Assert.Throws<System.Text.Json.JsonException>(() => Utf8DocumentReader.ReadBatchLine(Encoding.UTF8.GetBytes(line)), line);
        }
    }

    [TestMethod]
    public void Numbers_read_to_the_same_type_and_bits_as_Newtonsoft_reads_them()
    {
        var random = new Random(13);
        var texts = new List<string> { "0", "-0", "0.0", "-0.0", "1e0", "1E-0", "123e-2", "9007199254740992.0", "9007199254740993.0", "4.35", "1e-22", "1e22", "1e23", "2.2250738585072014E-308" };
        for (var i = 0; i < 20_000; i++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            texts.Add(value.ToString("R", CultureInfo.InvariantCulture));
            texts.Add(Math.Round(value, random.Next(0, 8)).ToString("R", CultureInfo.InvariantCulture));
            texts.Add(value.ToString("E" + random.Next(0, 16), CultureInfo.InvariantCulture));
            texts.Add(((long)(value * 1e6)).ToString(CultureInfo.InvariantCulture) + "." + random.Next(0, 1000).ToString("000", CultureInfo.InvariantCulture));
        }

        var json = "{\"config\":{" + string.Join(",", texts.Select((t, i) => $"\"k{i}\":{t}")) + "}}";
        var expected = StoreDocumentReader.ReadState(json).Config;
        var actual = ReadUtf8(json, (ref Utf8JsonReader r) => Utf8DocumentReader.ReadState(ref r)).Config;

        for (var i = 0; i < texts.Count; i++)
        {
            Assert.AreEqual(Describe(expected["k" + i]), Describe(actual["k" + i]), texts[i]);
        }
    }

    private delegate T Read<out T>(ref Utf8JsonReader reader);

    private static T ReadUtf8<T>(string text, Read<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        Assert.IsTrue(reader.Read());
        return read(ref reader);
    }

    /// <summary>Every value with its type, doubles by their bits, so equal descriptions mean equal documents.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        double d => "double:" + BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture),
        long l => "long:" + l.ToString(CultureInfo.InvariantCulture),
        string s => "string:" + JsonConvert.ToString(s),
        bool b => "bool:" + b,
        DateTimeOffset t => "time:" + t.UtcTicks.ToString(CultureInfo.InvariantCulture) + "@" + t.Offset,
        IEnumerable<KeyValuePair<string, object?>> map => "{" + string.Join(",", map.Select(p => JsonConvert.ToString(p.Key) + ":" + Describe(p.Value))) + "}",
        IEnumerable<KeyValuePair<string, double>> last => "{" + string.Join(",", last.Select(p => JsonConvert.ToString(p.Key) + ":" + Describe(p.Value))) + "}",
        IEnumerable<string> strings => "[" + string.Join(",", strings.Select(Describe)) + "]",
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Describe)) + "]",
        _ => "{" + string.Join(",", value.GetType().GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + "=" + Describe(p.GetValue(value)))) + "}",
    };
}
