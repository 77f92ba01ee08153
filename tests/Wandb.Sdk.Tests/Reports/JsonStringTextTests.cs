using System.Text;
using Newtonsoft.Json;
using Wandb.Json;

namespace Wandb.Sdk.Tests.Reports;

/// <summary>The page's strings are quoted without Newtonsoft's writer: the text must be its text to the character, for every character.</summary>
[TestClass]
public sealed class JsonStringTextTests
{
    [TestMethod]
    [DataRow(StringEscapeHandling.Default)]
    [DataRow(StringEscapeHandling.EscapeHtml)]
    [DataRow(StringEscapeHandling.EscapeNonAscii)]
    public void Every_character_alone_and_between_others_is_quoted_as_Newtonsoft_quotes_it(StringEscapeHandling escaping)
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            foreach (var text in new[] { ((char)c).ToString(), "ab" + (char)c + "cd" })
            {
                var expected = JsonConvert.ToString(text, '"', escaping);
                var actual = JsonStringText.Quote(text, escaping);
                if (expected != actual)
                {
                    Assert.Fail($"U+{c:X4} in \"{text}\": expected {expected}, got {actual}");
                }
            }
        }
    }

    [TestMethod]
    [DataRow(StringEscapeHandling.Default)]
    [DataRow(StringEscapeHandling.EscapeHtml)]
    public void Strings_the_page_holds_are_quoted_as_Newtonsoft_quotes_them(StringEscapeHandling escaping)
    {
        const string Common = "aZ09 .-_:/(\"'<&>\\\n)";
        var random = new Random(20261202);
        var texts = new List<string> { string.Empty, "plain", "</script><b>&amp;'\"\\", "tab\there\nnew\rline\u0001\u001f", "é ü 漢字 \ud83d\ude00", "\u2028\u2029\u0085", "\ud800 lone surrogate" };
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 40); n > 0; n--)
            {
                // Mostly what names and messages hold, with the characters that need escaping mixed in.
                text.Append(random.Next(4) == 0 ? (char)random.Next(0, 0x3000) : Common[random.Next(Common.Length)]);
            }

            texts.Add(text.ToString());
        }

        foreach (var text in texts)
        {
            Assert.AreEqual(JsonConvert.ToString(text, '"', escaping), JsonStringText.Quote(text, escaping), text);
        }
    }
}
