using Wandb.Reports.Markdown;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class MarkdownTextTests
{
    [TestMethod]
    public void A_pipe_cannot_split_a_table_cell()
    {
        Assert.AreEqual("a \\| b", MarkdownText.Escape("a | b"));
    }

    [TestMethod]
    public void Newlines_and_control_characters_cannot_end_a_table_row()
    {
        Assert.AreEqual("line1 line2 x y z", MarkdownText.Escape("line1\nline2\rx\ty\u2028z"));
    }

    [TestMethod]
    public void Html_tags_are_shown_as_text_never_rendered()
    {
        Assert.AreEqual("&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp;amp;", MarkdownText.Escape("<script>alert(1)</script> &amp;"));
    }

    [TestMethod]
    public void Markdown_syntax_in_names_is_escaped()
    {
        Assert.AreEqual("\\`code\\` \\*\\*bold\\*\\* \\_x\\_ \\[link\\]\\(http\\://e\\) \\!\\[img\\] \\# \\~\\~s\\~\\~ \\$x\\$ \\@user \\\\", MarkdownText.Escape("`code` **bold** _x_ [link](http://e) ![img] # ~~s~~ $x$ @user \\"));
    }

    [TestMethod]
    public void Long_strings_are_cut_with_an_ellipsis()
    {
        var escaped = MarkdownText.Escape(new string('a', 500));

        Assert.AreEqual(new string('a', MarkdownText.DefaultMaxLength) + "…", escaped);
    }

    [TestMethod]
    public void Null_becomes_an_empty_cell()
    {
        Assert.AreEqual(string.Empty, MarkdownText.Escape(null));
    }
}
