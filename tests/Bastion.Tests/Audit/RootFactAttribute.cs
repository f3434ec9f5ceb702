namespace Bastion.Tests.Audit;

/// <summary>A test that mounts a file system of its own: skipped, saying so, when the tests do not run as root.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Needs root: the test mounts a small tmpfs (mount -t tmpfs -o size=4m) as the data directory to fill it to each disk watermark.";
        }
    }
}
