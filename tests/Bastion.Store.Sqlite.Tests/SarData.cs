using System.Diagnostics;
using System.Globalization;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>Real sysstat data: sadc (Debian package sysstat) writes a few one-second samples into a daily file named for
/// today (UTC), in a directory every local user may read (the fleet's sshd users read it too).</summary>
internal sealed class SarData : IDisposable
{
    public const string Sadc = "/usr/lib/sysstat/sadc";

    private SarData(string directory) => Directory = directory;

    public string Directory { get; }

    public static async Task<SarData> CreateAsync(int samples)
    {
        File.Exists(Sadc).ShouldBeTrue($"{Sadc} is missing: install the Debian package sysstat (apt-get install -y sysstat).");
        var directory = System.IO.Directory.CreateTempSubdirectory("bastion-sar-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var file = Path.Combine(directory, "sa" + DateTime.UtcNow.ToString("dd", CultureInfo.InvariantCulture));
        using var sadc = Process.Start(new ProcessStartInfo(Sadc, ["-S", "XALL", "1", samples.ToString(CultureInfo.InvariantCulture), file]) { RedirectStandardError = true })!;
        var error = await sadc.StandardError.ReadToEndAsync();
        await sadc.WaitForExitAsync();
        sadc.ExitCode.ShouldBe(0, error);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return new SarData(directory);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
