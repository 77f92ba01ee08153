namespace Wandb.MLNet.Tests.Curves;

[TestClass]
public sealed class TrainingProgressParserTests
{
    [TestMethod]
    public void Binary_test_results_become_named_values()
    {
        var row = TrainingProgressParser.TryParse("FastTreeTraining; Training", "train.ErrorRate=0.05\ntrain.LossRate=0.43\nvalid.ErrorRate=NaN\n");

        Assert.IsNotNull(row);
        Assert.AreEqual(0.05, row["train.ErrorRate"]);
        Assert.AreEqual(0.43, row["train.LossRate"]);
        Assert.IsTrue(double.IsNaN(row["valid.ErrorRate"]));
    }

    [TestMethod]
    public void Ranking_ndcg_lines_become_one_value_per_cut_off()
    {
        var row = TrainingProgressParser.TryParse("FastTreeTraining; Training", "trainNDCG:\t@1:98.22\t@2:99.49\nvalidNDCG:\t@1:96.06\t@2:95.33\n");

        Assert.IsNotNull(row);
        Assert.AreEqual(98.22, row["train.NDCG@1"]);
        Assert.AreEqual(95.33, row["valid.NDCG@2"]);
        Assert.HasCount(4, row);
    }

    [TestMethod]
    public void Other_messages_and_other_sources_are_not_curves()
    {
        Assert.IsNull(TrainingProgressParser.TryParse("FastTreeTraining; Training", "Reserved memory for tree learner: 120276 bytes"));
        Assert.IsNull(TrainingProgressParser.TryParse("FastTreeTraining; Training", "Starting to train ..."));
        Assert.IsNull(TrainingProgressParser.TryParse("SdcaTrainerBase; Training", "train.ErrorRate=0.05"));
        Assert.IsNull(TrainingProgressParser.TryParse("FastTreeTraining; Training", "train.ErrorRate=0.05\nsome other text"));
    }
}
