namespace Wandb.Build.Tasks;

/// <summary>Placeholder until the MSBuild integration lands; keeps the assembly buildable and packable.</summary>
internal static class AssemblyMarker
{
}
