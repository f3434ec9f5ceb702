using System.Diagnostics;

namespace Bastion.Tests.Audit;

/// <summary>
/// A tmpfs of <c>size</c> bytes mounted under <c>/work/h-audit-mnt</c> (or <c>BASTION_TEST_MOUNT_ROOT</c>), with a
/// ballast file that fills it to a chosen free space; unmounted and removed on dispose.
/// </summary>
internal sealed class SmallTmpfs : IAsyncDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    private string Ballast => System.IO.Path.Combine(Path, "ballast");

    public static async Task<SmallTmpfs> MountAsync(string size)
    {
        var root = Environment.GetEnvironmentVariable("BASTION_TEST_MOUNT_ROOT") ?? "/work/h-audit-mnt";
        var path = System.IO.Path.Combine(root, "fs-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        return new SmallTmpfs(path);
    }

    /// <summary>Bytes free on the file system (statvfs), as Bastion reads them.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Grows or shrinks the ballast file so that about <paramref name="free"/> bytes stay free.</summary>
    public void FillUntilFree(long free)
    {
        var current = File.Exists(Ballast) ? new FileInfo(Ballast).Length : 0;
        var target = Math.Max(0, current + FreeBytes - free);
        using var file = new FileStream(Ballast, FileMode.OpenOrCreate, FileAccess.Write);
        if (target < current)
        {
            file.SetLength(target);
            return;
        }

        file.Seek(current, SeekOrigin.Begin);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)0x5a);
        for (var left = target - current; left > 0; left -= chunk.Length)
        {
            file.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    }

    public void RemoveBallast() => File.Delete(Ballast);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }
    }
}
