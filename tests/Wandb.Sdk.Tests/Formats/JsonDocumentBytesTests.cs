using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Wandb.Json;

namespace Wandb.Sdk.Tests.Formats;

/// <summary>
/// Documents formatted through the per-thread buffer (<see cref="JsonDocumentBytes"/>) are the bytes a writer of their own
/// gives, whatever was formatted before on the thread: a longer document, a very large one, one formatted while another was.
/// </summary>
[TestClass]
public sealed class JsonDocumentBytesTests
{
    [TestMethod]
    public void Each_document_is_the_bytes_a_writer_of_its_own_gives_whatever_the_thread_formatted_before()
    {
        foreach (var values in new[] { 2_000, 3, 40_000, 1, 120_000, 10, 0 })
        {
            foreach (var formatting in new[] { Formatting.None, Formatting.Indented })
            {
                foreach (var newline in new[] { false, true })
                {
                    var write = Document(values);
                    CollectionAssert.AreEqual(Alone(formatting, write, newline), JsonDocumentBytes.Write(formatting, write, newline), $"{values} values, {formatting}, newline {newline}");
                }
            }
        }
    }

    [TestMethod]
    public void A_document_formatted_while_another_is_does_not_share_its_buffer()
    {
        byte[]? inner = null;
        var outer = JsonDocumentBytes.Write(Formatting.None, json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("before");
            json.WriteValue("ü-" + new string('a', 500));
            inner = JsonDocumentBytes.Write(Formatting.None, Document(50), newline: true);
            json.WritePropertyName("after");
            json.WriteValue(1.5);
            json.WriteEndObject();
        }, newline: false);

        Assert.AreEqual("{\"before\":\"ü-" + new string('a', 500) + "\",\"after\":1.5}", Encoding.UTF8.GetString(outer));
        CollectionAssert.AreEqual(Alone(Formatting.None, Document(50), newline: true), inner);
    }

    /// <summary>An object of <paramref name="values"/> strings and numbers, with characters UTF-8 spends 2 to 4 bytes on.</summary>
    private static Action<JsonTextWriter> Document(int values) => json =>
    {
        json.WriteStartObject();
        for (var i = 0; i < values; i++)
        {
            json.WritePropertyName("k" + i.ToString(CultureInfo.InvariantCulture));
            if (i % 2 == 0)
            {
                json.WriteValue("välue € 🚀 " + i.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteValue(i / 7.0);
            }
        }

        json.WriteEndObject();
    };

    private static byte[] Alone(Formatting formatting, Action<JsonTextWriter> write, bool newline)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = JsonConventions.CreateWriter(text, formatting))
        {
            write(json);
        }

        return new UTF8Encoding(false).GetBytes(text + (newline ? "\n" : string.Empty));
    }
}
