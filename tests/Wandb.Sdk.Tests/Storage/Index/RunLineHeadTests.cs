using System.Text;
using Wandb.Storage;
using Wandb.Storage.Batches;
using Wandb.Storage.Index;

namespace Wandb.Sdk.Tests.Storage.Index;

/// <summary>
/// The byte-by-byte read of a run line's head (<see cref="RunLineHead"/>) must give exactly what the JSON reader gives
/// for every line the index writes, and leave every other shape to the JSON reader rather than guess.
/// </summary>
[TestClass]
public sealed class RunLineHeadTests
{
    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(false, true)]
    [DataRow(true, true)]
    public void A_line_the_index_writes_reads_as_the_json_reader_reads_it(bool folder, bool live)
    {
        var metadata = new RunMetadataFile { Id = "r-1_a.B9", Project = "p" };
        var written = IndexLineCodec.WriteRun(folder
            ? new IndexedRun { Id = metadata.Id, HasFolder = true, Live = live, FolderMetadata = metadata }
            : new IndexedRun { Id = metadata.Id, Live = live, Batch = new BatchedRun(metadata) });
        var line = Line(Encoding.UTF8.GetString(written));

        Assert.IsTrue(RunLineHead.TryRead(line, out var id, out var hasFolder, out var isLive), Encoding.UTF8.GetString(written));
        var read = IndexLineCodec.ReadRun(line);
        Assert.AreEqual(read.Id, id);
        Assert.AreEqual(read.HasFolder, hasFolder);
        Assert.AreEqual(read.Live, isLive);
    }

    [TestMethod]
    public void A_run_of_a_folder_not_read_yet_has_no_documents_and_reads()
    {
        var written = IndexLineCodec.WriteRun(new IndexedRun { Id = "abc", HasFolder = true });

        Assert.AreEqual("{\"id\":\"abc\",\"folder\":true}", Encoding.UTF8.GetString(written));
        Assert.IsTrue(RunLineHead.TryRead(written, out var id, out var folder, out var live));
        Assert.AreEqual(("abc", true, false), (id, folder, live));
    }

    [TestMethod]
    [DataRow("{\"id\":\"a\\u0062c\",\"folder\":true}", "an escaped id")]
    [DataRow("{ \"id\":\"abc\",\"folder\":true}", "a space")]
    [DataRow("{\"id\":\"abc\",\"folder\":false,\"run\":{}}", "a flag written false")]
    [DataRow("{\"id\":\"abc\",\"live\":true,\"folder\":true,\"run\":{}}", "the flags in another order")]
    [DataRow("{\"id\":\"abc\",\"folder\":true,\"run\":{\"id\":", "a torn line")]
    [DataRow("{\"id\":\"abc\"}", "no folder and no documents")]
    [DataRow("{\"id\":\"..\",\"folder\":true}", "an id that names a folder")]
    [DataRow("{\"id\":\"a/b\",\"folder\":true}", "an id that is not a file name")]
    [DataRow("{\"id\":\"\",\"folder\":true}", "an empty id")]
    [DataRow("{\"folder\":true,\"id\":\"abc\"}", "the id not first")]
    public void Any_other_shape_is_left_to_the_json_reader(string text, string what)
    {
        Assert.IsFalse(RunLineHead.TryRead(Line(text), out _, out _, out _), what);
    }

    [TestMethod]
    public void The_head_is_read_from_a_slice_of_a_larger_buffer()
    {
        var bytes = Encoding.UTF8.GetBytes("xx{\"id\":\"abc\",\"live\":true,\"batch\":{}}yy");
        var line = new ReadOnlyMemory<byte>(bytes, 2, bytes.Length - 4);

        Assert.IsTrue(RunLineHead.TryRead(line, out var id, out var folder, out var live));
        Assert.AreEqual(("abc", false, true), (id, folder, live));
    }

    private static ReadOnlyMemory<byte> Line(string text) => Encoding.UTF8.GetBytes(text);
}
