using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Files;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Commands;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Core.Progress;

namespace Bastion.Providers.Alpacon.WebFtp;

/// <summary>
/// WebFTP transfers. Upload: <c>POST /api/webftp/uploads/</c> (name, target directory, overwrite, unzip) gives a
/// presigned <c>upload_url</c>; the bytes are PUT there; <c>GET /api/webftp/uploads/{id}/upload/</c> tells the agent to
/// fetch them; <c>/status/</c> is polled until <c>success</c> is set. Download: <c>POST /api/webftp/downloads/</c>
/// (path, name, resource_type file or folder) starts an agent command that puts the file (a folder as a zip) in
/// storage; that command and <c>/status/</c> are polled, then the presigned <c>download_url</c> is fetched.
/// </summary>
internal sealed class AlpaconWebFtp(AlpaconStorage storage, AlpaconSettings settings, FileTransferOptions limits, TimeProvider clock)
{
    private const string Uploads = "api/webftp/uploads/";
    private const string Downloads = "api/webftp/downloads/";

    /// <summary>Uploads local file or folder <paramref name="source"/> to <paramref name="path"/> on the server.</summary>
    public async Task<WebFtpTransfer> UploadAsync(AlpaconTarget target, string source, string path, bool overwrite, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var local = Absolute(source, "source");
        var remote = Absolute(path, "path");
        var folder = Directory.Exists(local);
        if (!folder && !File.Exists(local))
        {
            throw new BastionException($"source '{local}' is neither a file nor a folder on Bastion's machine.");
        }

        var stopwatch = Stopwatch.StartNew();
        var zip = folder ? Path.Combine(Path.GetTempPath(), $"bastion-webftp-{Guid.NewGuid():N}.zip") : null;
        try
        {
            if (zip is not null)
            {
                ZipFile.CreateFromDirectory(local, zip, CompressionLevel.Fastest, includeBaseDirectory: true);
            }

            var file = zip ?? local;
            var size = new FileInfo(file).Length;
            if (size > limits.MaxTransferBytes)
            {
                throw new BastionException($"'{local}' is {size} bytes{(folder ? " zipped" : string.Empty)}; at most {limits.MaxTransferBytes} may be transferred.");
            }

            // A file goes to the directory of path under path's name; a folder is unpacked inside path.
            var (directory, name) = folder
                ? (remote.TrimEnd('/') + "/", Path.GetFileName(local.TrimEnd('/')) + ".zip")
                : (RemoteDirectory(remote), RemoteName(remote));
            var body = new Dictionary<string, object>
            {
                ["server"] = target.ServerId,
                ["name"] = name,
                ["path"] = directory,
                ["allow_overwrite"] = overwrite,
                ["allow_unzip"] = folder,
            };
            Put(body, "username", settings.Options.Username);
            Put(body, "groupname", settings.Options.Groupname);
            var created = await target.Client.PostAsync(Uploads, body, cancellationToken);
            var id = created.Str("id") ?? throw new PlatformException(AlpaconErrors.Platform, "WebFTP accepted the upload but returned no id.");
            if (created.Str("upload_url") is { } url)
            {
                await storage.PutAsync(new Uri(url), file, cancellationToken);
            }

            await target.Client.GetAsync($"{Uploads}{id}/upload/", null, cancellationToken);
            var message = (await WaitForStatusAsync(target, $"{Uploads}{id}/status/", $"upload {id} of {name} to {target.Host.Name}", progress, cancellationToken)).Str("message");
            string sha;
            await using (var hashed = File.OpenRead(file))
            {
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashed, cancellationToken));
            }

            var destination = folder ? $"{directory}{Path.GetFileName(local.TrimEnd('/'))}" : remote;
            return new WebFtpTransfer(target.Host.Name, "upload", local, destination, folder, size, sha, id, message, Math.Round(stopwatch.Elapsed.TotalSeconds, 3));
        }
        finally
        {
            if (zip is not null)
            {
                File.Delete(zip);
            }
        }
    }

    /// <summary>Downloads file or folder <paramref name="path"/> from the server into local file <paramref name="destination"/> (a zip for folders).</summary>
    public async Task<WebFtpTransfer> DownloadAsync(AlpaconTarget target, string path, string destination, bool folder, bool overwrite, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var remote = Absolute(path, "path");
        var local = Destination(destination, overwrite);
        var stopwatch = Stopwatch.StartNew();
        var name = RemoteName(remote) + (folder ? ".zip" : string.Empty);
        var body = new Dictionary<string, object>
        {
            ["server"] = target.ServerId,
            ["path"] = remote,
            ["name"] = name,
            ["resource_type"] = folder ? "folder" : "file",
        };
        Put(body, "username", settings.Options.Username);
        Put(body, "groupname", settings.Options.Groupname);
        var created = await target.Client.PostAsync(Downloads, body, cancellationToken);
        var id = created.Str("id") ?? throw new PlatformException(AlpaconErrors.Platform, "WebFTP accepted the download but returned no id.");
        var what = $"download {id} of {remote} from {target.Host.Name}";
        if (created.Str("command") is { } command)
        {
            var done = await OperationPoller.PollAsync(
                AlpaconErrors.Platform,
                what,
                async ct =>
                {
                    var state = await AlpaconCommandApi.GetAsync(target.Client, command, ct);
                    return state.Status is "denied" or "rejected" or "stuck" || state.HandledAt is not null
                        ? new PollState<AlpaconCommand>(true, state, state.Status)
                        : new PollState<AlpaconCommand>(false, null, $"agent {state.Status}");
                },
                settings.Options.PollInterval,
                settings.Options.TransferTimeout,
                progress,
                clock,
                cancellationToken);
            if (done.HandledAt is null || done.Status == "failed" || done.Success == false)
            {
                throw new BastionException($"Host '{target.Host.Name}': the agent could not read '{remote}' for WebFTP (status {done.Status}): {Limits.FirstLine(done.Result ?? "no output")}.");
            }
        }

        var status = await WaitForStatusAsync(target, $"{Downloads}{id}/status/", what, progress, cancellationToken);
        var message = status.Str("message");
        var link = status.Str("download_url") ?? created.Str("download_url") ?? throw new PlatformException(AlpaconErrors.Platform, $"WebFTP finished {what} but gave no download URL.");
        var temp = Path.Combine(Path.GetDirectoryName(local)!, $".{Path.GetFileName(local)}.bastion-{Guid.NewGuid():N}.part");
        try
        {
            var (size, sha) = await storage.GetAsync(new Uri(link), temp, limits.MaxTransferBytes, cancellationToken);
            File.Move(temp, local, overwrite);
            return new WebFtpTransfer(target.Host.Name, "download", remote, local, folder, size, sha, id, message, Math.Round(stopwatch.Elapsed.TotalSeconds, 3));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<JsonElement> WaitForStatusAsync(
        AlpaconTarget target,
        string statusPath,
        string what,
        IProgress<StepProgress>? progress,
        CancellationToken cancellationToken)
    {
        var status = await OperationPoller.PollAsync(
            AlpaconErrors.Platform,
            what,
            async ct =>
            {
                JsonElement answer;
                try
                {
                    answer = await target.Client.GetAsync(statusPath, null, ct);
                }
                catch (PlatformException e) when (e.Status == 400 && e.Message.Contains("webftp_transfer_in_progress", StringComparison.Ordinal))
                {
                    return new PollState<JsonElement>(false, default, "in progress");
                }

                return answer.Bool("success") is null
                    ? new PollState<JsonElement>(false, default, "in progress")
                    : new PollState<JsonElement>(true, answer, answer.Bool("success") == true ? "done" : "failed");
            },
            settings.Options.PollInterval,
            settings.Options.TransferTimeout,
            progress,
            clock,
            cancellationToken);
        if (status.Bool("success") != true)
        {
            throw new BastionException($"Host '{target.Host.Name}': WebFTP {what} failed: {status.Str("message") ?? "no reason given"}.");
        }

        return status;
    }

    private static void Put(Dictionary<string, object> body, string key, string? value)
    {
        if (value is not null)
        {
            body[key] = value;
        }
    }

    private static string Absolute(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal) || path.Split('/').Contains(".."))
        {
            throw new BastionException($"{what} '{path}' must be an absolute path without '..' components.");
        }

        return path.Length > 1 ? path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/" : path;
    }

    private static string RemoteDirectory(string path) => path[..(path.LastIndexOf('/') + 1)];

    private static string RemoteName(string path) =>
        path[(path.LastIndexOf('/') + 1)..] is { Length: > 0 } name ? name : throw new BastionException($"path '{path}' names no file.");

    private static string Destination(string path, bool overwrite)
    {
        var local = Absolute(path, "destination");
        if (!Directory.Exists(Path.GetDirectoryName(local)))
        {
            throw new BastionException($"destination '{local}': the directory {Path.GetDirectoryName(local)} does not exist on Bastion's machine.");
        }

        if (Directory.Exists(local))
        {
            throw new BastionException($"destination '{local}' is a directory; give the full path of the file to write.");
        }

        return File.Exists(local) && !overwrite
            ? throw new BastionException($"destination '{local}' exists already; pass overwrite=true to replace it.")
            : local;
    }
}
