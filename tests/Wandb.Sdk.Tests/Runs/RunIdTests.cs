using System.Text.RegularExpressions;

namespace Wandb.Sdk.Tests.Runs;

[TestClass]
public sealed class RunIdTests
{
    [TestMethod]
    public void Generated_ids_are_eight_characters_of_lowercase_letters_and_digits()
    {
        for (var i = 0; i < 1000; i++)
        {
            StringAssert.Matches(RunId.Generate(), new Regex("^[a-z0-9]{8}$"));
        }
    }

    [TestMethod]
    public void Generated_ids_do_not_repeat_and_use_the_whole_alphabet()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => RunId.Generate()).ToList();

        Assert.AreEqual(ids.Count, ids.Distinct().Count());
        Assert.AreEqual(36, ids.SelectMany(id => id).Distinct().Count());
    }

    [TestMethod]
    [DataRow("a/b", "'/'")]
    [DataRow("a b", "' '")]
    [DataRow("a?b", "'?'")]
    [DataRow("..", "names a folder")]
    [DataRow("", "empty")]
    public void Ids_that_cannot_be_a_file_name_or_URL_segment_are_rejected_with_the_reason(string id, string reason)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => RunId.Validate(id));

        StringAssert.Contains(error.Message, reason);
    }

    [TestMethod]
    public void Letters_digits_dashes_underscores_and_dots_are_valid()
    {
        Assert.AreEqual("Fold-3_seed.42", RunId.Validate("Fold-3_seed.42"));
    }

    [TestMethod]
    public void Ids_longer_than_64_characters_are_rejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => RunId.Validate(new string('a', 65)));
    }
}
