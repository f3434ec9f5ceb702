using System.Text.Json.Nodes;

namespace Bastion.Fakes.Alpacon;

/// <summary>The Command API: POST /api/events/commands/, GET /api/events/commands/{id}/, the history list, and the reviewer's admin routes.</summary>
public sealed partial class AlpaconFake
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "system", "bash", "sh" };

    private void MapCommands()
    {
        _app.MapPost("/api/events/commands/", async (HttpRequest request) =>
        {
            var body = await FakeJson.BodyAsync(request);
            if (body is null)
            {
                return FakeJson.Error(400, "JSON parse error.", "parse_error");
            }

            var server = Server(body.Str("server"));
            if (body.Str("server") is null)
            {
                return FakeJson.Invalid("server", "This field is required.");
            }

            if (server is null)
            {
                return FakeJson.Invalid("server", $"Invalid pk \"{body.Str("server")}\" - object does not exist.");
            }

            if (body.Str("line") is not { Length: > 0 } line)
            {
                return FakeJson.Invalid("line", "This field is required.");
            }

            var shell = body.Str("shell") ?? "system";
            if (!Shells.Contains(shell))
            {
                return FakeJson.Invalid("shell", $"\"{shell}\" is not a valid choice.");
            }

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (body.TryGetPropertyValue("env", out var env) && env is not null)
            {
                if (env is not JsonObject variables || variables.Any(v => v.Value is not JsonValue value || !value.TryGetValue<string>(out _)))
                {
                    return FakeJson.Invalid("env", "Expected a dictionary of strings.");
                }

                foreach (var (key, value) in variables)
                {
                    environment[key] = value!.GetValue<string>();
                }
            }

            if (body.TryGetPropertyValue("data", out var data) && data is not null && body.Str("data") is null)
            {
                return FakeJson.Invalid("data", "Not a valid string.");
            }

            var command = new FakeCommand(Guid.NewGuid().ToString(), server, line, shell, environment, body.Str("data"), DateTimeOffset.UtcNow);
            _commands[command.Id] = command;
            _order.Enqueue(command.Id);
            bool denied, parked;
            lock (_gate)
            {
                denied = _deny.Any(r => r.IsMatch(line));
                parked = _approval.Any(r => r.IsMatch(line));
            }

            if (denied)
            {
                command.Move("denied");
            }
            else if (parked)
            {
                command.Move("awaiting_approval");
            }
            else
            {
                Start(command);
            }

            var json = command.Json();
            return FakeJson.Json(_options.SubmitAsList ? new JsonArray(json) : json, 201);
        });

        _app.MapGet("/api/events/commands/", (HttpRequest request) =>
        {
            var server = request.Query["server"].ToString();
            var items = Commands.Where(c => server.Length == 0 || c.Server.Id == server)
                .OrderByDescending(c => c.AddedAt).Select(c => (JsonNode)c.Json()).ToList();
            return FakeJson.Page(request, items);
        });

        _app.MapGet("/api/events/commands/{id}/", (string id) =>
            _commands.TryGetValue(id, out var command) ? FakeJson.Json(command.Json()) : FakeJson.NotFound());

        _app.MapPost("/_fake/commands/{id}/approve/", (string id) => Approve(id) ? FakeJson.Json(new JsonObject { ["approved"] = id }) : FakeJson.NotFound());
        _app.MapPost("/_fake/commands/{id}/reject/", (string id) => Reject(id) ? FakeJson.Json(new JsonObject { ["rejected"] = id }) : FakeJson.NotFound());
    }

    private void Start(FakeCommand command)
    {
        if (!command.Server.Connected)
        {
            Track(Task.Run(async () =>
            {
                await Task.Delay(_options.StuckAfter);
                command.Move("stuck", "queued");
            }));
            return;
        }

        command.Move("running");
        Track(Task.Run(() => FakeAgent.RunAsync(command, _options.CommandTimeout)));
    }
}
