// Synthetic customer-churn data, generated in code so every sample is deterministic and needs no download.
// Churn gets likelier with short tenure, high monthly charges and many support calls, plus noise.
using Microsoft.ML.Data;

namespace Samples.Shared;

public sealed class Customer
{
    public float Tenure { get; set; }

    public float MonthlyCharges { get; set; }

    public float SupportCalls { get; set; }

    public float ContractMonths { get; set; }

    [ColumnName("Label")]
    public bool Churned { get; set; }
}

public static class ChurnData
{
    public static readonly string[] FeatureColumns =
    {
        nameof(Customer.Tenure), nameof(Customer.MonthlyCharges), nameof(Customer.SupportCalls), nameof(Customer.ContractMonths),
    };

    public static List<Customer> Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var customers = new List<Customer>(rows);
        for (var i = 0; i < rows; i++)
        {
            var tenure = (float)(random.NextDouble() * 72);
            var charges = (float)(20 + (random.NextDouble() * 100));
            var calls = (float)random.Next(0, 8);
            var contract = new[] { 1f, 12f, 24f }[random.Next(3)];
            var score = -1.5 - (0.05 * tenure) + (0.03 * charges) + (0.45 * calls) - (0.06 * contract) + Gaussian(random);
            customers.Add(new Customer { Tenure = tenure, MonthlyCharges = charges, SupportCalls = calls, ContractMonths = contract, Churned = score > 0 });
        }

        return customers;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
