namespace Wandb.Build.Tasks.Tests.Fakes;

/// <summary>The real file system with creating a run's <c>run.json</c> delayed, as on a slow or busy disk, so a run that is created in the background shows it.</summary>
internal sealed class SlowCreationFileSystem : PassThroughFileSystem
{
    private readonly TimeSpan _delay;

    public SlowCreationFileSystem(TimeSpan delay) => _delay = delay;

    public override bool TryCreateNew(string path, byte[] content)
    {
        Thread.Sleep(_delay);
        return Inner.TryCreateNew(path, content);
    }
}
