using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.Alpacon;

/// <summary>
/// WebFTP: upload and download requests, the agent's work on this machine, their status, and the presigned storage
/// URLs (<c>/_storage/KEY?X-Expires=UNIX&amp;X-Signature=HMAC</c>) that the fake serves and checks like S3 would.
/// </summary>
public sealed partial class AlpaconFake
{
    private void MapWebFtp()
    {
        _app.MapPost("/api/webftp/uploads/", async (HttpRequest r) =>
        {
            var body = await FakeJson.BodyAsync(r);
            if (body is null)
            {
                return FakeJson.Error(400, "JSON parse error.", "parse_error");
            }

            if (Server(body.Str("server")) is not { } server)
            {
                return FakeJson.Invalid("server", "This field is required.");
            }

            if (body.Str("name") is not { Length: > 0 } name || name.Contains('/', StringComparison.Ordinal))
            {
                return FakeJson.Invalid("name", "A file name without '/' is required.");
            }

            if (body.Str("path") is not { } path || !path.StartsWith('/'))
            {
                return FakeJson.Invalid("path", "An absolute path is required.");
            }

            var transfer = new FakeTransfer(Guid.NewGuid().ToString(), server, name, path, "upload")
            {
                AllowOverwrite = body.Bool("allow_overwrite") ?? false,
                AllowUnzip = body.Bool("allow_unzip") ?? false,
            };
            _transfers[transfer.Id] = transfer;
            return FakeJson.Json(TransferJson(transfer, "PUT"), 201);
        });

        _app.MapGet("/api/webftp/uploads/{id}/upload/", (string id) =>
        {
            if (!_transfers.TryGetValue(id, out var transfer) || transfer.Kind != "upload")
            {
                return FakeJson.NotFound();
            }

            if (!_storage.TryGetValue(transfer.StorageKey, out var bytes))
            {
                return FakeJson.Error(400, "The file has not been uploaded to storage yet.", "webftp_file_not_uploaded");
            }

            transfer.Triggered = true;
            Track(Task.Run(async () =>
            {
                await Task.Delay(_options.AgentDelay);
                (transfer.Success, transfer.Message) = Place(transfer, bytes);
            }));
            return FakeJson.Json(new JsonObject { ["id"] = transfer.Id, ["detail"] = "The agent is fetching the file." });
        });

        _app.MapPost("/api/webftp/downloads/", async (HttpRequest r) =>
        {
            var body = await FakeJson.BodyAsync(r);
            if (body is null)
            {
                return FakeJson.Error(400, "JSON parse error.", "parse_error");
            }

            if (Server(body.Str("server")) is not { } server)
            {
                return FakeJson.Invalid("server", "This field is required.");
            }

            if (body.Str("path") is not { } path || !path.StartsWith('/'))
            {
                return FakeJson.Invalid("path", "An absolute path is required.");
            }

            var type = body.Str("resource_type") ?? "file";
            if (type is not ("file" or "folder"))
            {
                return FakeJson.Invalid("resource_type", $"\"{type}\" is not a valid choice.");
            }

            var transfer = new FakeTransfer(Guid.NewGuid().ToString(), server, body.Str("name") ?? Path.GetFileName(path), path, "download") { Folder = type == "folder" };
            var command = new FakeCommand(Guid.NewGuid().ToString(), server, $"webftp download {path}", "internal", new Dictionary<string, string>(), null, DateTimeOffset.UtcNow);
            command.Move("running");
            transfer.CommandId = command.Id;
            _commands[command.Id] = command;
            _order.Enqueue(command.Id);
            _transfers[transfer.Id] = transfer;
            Track(Task.Run(async () =>
            {
                await Task.Delay(_options.AgentDelay);
                try
                {
                    _storage[transfer.StorageKey] = transfer.Folder ? Zip(path) : await File.ReadAllBytesAsync(path);
                    command.Finish(0, string.Empty, _options.AgentDelay.TotalSeconds);
                    (transfer.Success, transfer.Message) = (true, "The file is ready to download.");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    command.Finish(1, $"{path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "No such file or directory" : e.Message)}", _options.AgentDelay.TotalSeconds);
                    (transfer.Success, transfer.Message) = (false, command.Result);
                }
            }));
            return FakeJson.Json(TransferJson(transfer, "GET"), 201);
        });

        foreach (var kind in new[] { "uploads", "downloads" })
        {
            _app.MapGet($"/api/webftp/{kind}/{{id}}/status/", (string id) =>
            {
                if (!_transfers.TryGetValue(id, out var transfer) || transfer.Kind + "s" != kind)
                {
                    return FakeJson.NotFound();
                }

                // The first look at a transfer still in progress answers as Alpacon may: 400 webftp_transfer_in_progress.
                if (transfer.Success is null && transfer.StatusLooks++ == 0)
                {
                    return FakeJson.Error(400, "The transfer is in progress.", "webftp_transfer_in_progress");
                }

                var status = new JsonObject { ["success"] = transfer.Success, ["message"] = transfer.Success is null ? "in progress" : transfer.Message };
                if (transfer.Kind == "download" && transfer.Success == true)
                {
                    status["download_url"] = Presign(transfer.StorageKey, "GET");
                }

                return FakeJson.Json(status);
            });
        }

        _app.MapPut("/_storage/{key}", async (string key, HttpRequest r) =>
        {
            if (Refusal(key, "PUT", r) is { } refused)
            {
                return refused;
            }

            using var buffer = new MemoryStream();
            await r.Body.CopyToAsync(buffer);
            _storage[key] = buffer.ToArray();
            return Results.Ok();
        });
        _app.MapGet("/_storage/{key}", (string key, HttpRequest r) =>
        {
            if (Refusal(key, "GET", r) is { } refused)
            {
                return refused;
            }

            return _storage.TryGetValue(key, out var bytes)
                ? Results.Bytes(bytes, "application/octet-stream")
                : S3Error(404, "NoSuchKey", "The specified key does not exist.");
        });
    }

    private JsonObject TransferJson(FakeTransfer transfer, string method) => new()
    {
        ["id"] = transfer.Id,
        ["name"] = transfer.Name,
        ["path"] = transfer.Path,
        ["size"] = 0,
        ["server"] = transfer.Server.Summary(),
        ["username"] = "alpacon",
        ["groupname"] = "alpacon",
        ["expires_at"] = FakeJson.Time(DateTimeOffset.UtcNow + _options.UrlLifetime),
        ["upload_url"] = method == "PUT" ? Presign(transfer.StorageKey, "PUT") : null,
        ["download_url"] = method == "GET" ? Presign(transfer.StorageKey, "GET") : null,
        ["command"] = transfer.CommandId,
    };

    private string Presign(string key, string method)
    {
        var expires = (DateTimeOffset.UtcNow + _options.UrlLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{Url}_storage/{key}?X-Expires={expires}&X-Signature={Sign(key, method, expires)}";
    }

    private string Sign(string key, string method, string expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes($"{method}\n{key}\n{expires}")));

    private IResult? Refusal(string key, string method, HttpRequest r)
    {
        var expires = r.Query["X-Expires"].ToString();
        var signature = r.Query["X-Signature"].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(key, method, expires))))
        {
            return S3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }

        return !long.TryParse(expires, CultureInfo.InvariantCulture, out var unix) || DateTimeOffset.FromUnixTimeSeconds(unix) < DateTimeOffset.UtcNow
            ? S3Error(403, "AccessDenied", "Request has expired")
            : null;
    }

    private static IResult S3Error(int status, string code, string message) =>
        Results.Content($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message></Error>", "application/xml", Encoding.UTF8, status);

    private static (bool, string) Place(FakeTransfer transfer, byte[] bytes)
    {
        var directory = transfer.Path.EndsWith('/') || Directory.Exists(transfer.Path) ? transfer.Path : Path.GetDirectoryName(transfer.Path)!;
        var target = transfer.Path.EndsWith('/') || Directory.Exists(transfer.Path) ? Path.Combine(transfer.Path, transfer.Name) : transfer.Path;
        if (!Directory.Exists(directory))
        {
            return (false, $"{directory}: No such file or directory");
        }

        try
        {
            if (transfer.AllowUnzip && transfer.Name.EndsWith(".zip", StringComparison.Ordinal))
            {
                using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                if (!transfer.AllowOverwrite && archive.Entries.Any(e => e.Name.Length > 0 && File.Exists(Path.Combine(directory, e.FullName))))
                {
                    return (false, "A file exists already and overwriting is not allowed.");
                }

                archive.ExtractToDirectory(directory, overwriteFiles: transfer.AllowOverwrite);
                return (true, $"Unpacked {transfer.Name} in {directory}.");
            }

            if (File.Exists(target) && !transfer.AllowOverwrite)
            {
                return (false, $"{target} exists already and overwriting is not allowed.");
            }

            File.WriteAllBytes(target, bytes);
            return (true, $"Wrote {bytes.Length} bytes to {target}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (false, e.Message);
        }
    }

    private static byte[] Zip(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(folder);
        }

        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, buffer, CompressionLevel.Fastest, includeBaseDirectory: true);
        return buffer.ToArray();
    }
}
