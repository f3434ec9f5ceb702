using System.Globalization;
using System.Text.Json;
using Bastion.Fakes.WebOps.Django;
using Bastion.Fakes.WebOps.State;
using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.WebOps.Views;

/// <summary>
/// The deployment views under <c>/api/deployments/</c> (<c>apps/deployments/api/deployments.py</c>): list with page-number
/// pagination, create (flat JSON body, 201), detail, logs (<c>tail</c> keeps the first rows, oldest first), start (sets
/// the status only), stop/restart/delete (queued; see <see cref="FakeWebOpsOptions.AsRunAtCommit"/> for how they fail). Every view sees only the user's deployments; names are unique across
/// users. Wrong methods get Django's empty 405.
/// </summary>
public static class DeploymentViews
{
    public static async Task HandleAsync(HttpContext context, FakeStore store, string user, string rest)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rest);
        var method = context.Request.Method;
        if (rest.Length == 0)
        {
            await (HttpMethods.IsGet(method) ? ListAsync(context, store, user) : DjangoResponses.NotAllowedAsync(context, "GET"));
            return;
        }

        if (rest == "create/")
        {
            await (HttpMethods.IsPost(method) ? CreateAsync(context, store, user) : DjangoResponses.NotAllowedAsync(context, "POST"));
            return;
        }

        var parts = rest.Split('/');
        if (parts.Length is < 2 or > 3 || parts[^1].Length != 0 || parts[0].Length == 0)
        {
            await DjangoResponses.NotFoundAsync(context);
            return;
        }

        var name = Uri.UnescapeDataString(parts[0]);
        var action = parts.Length == 3 ? parts[1] : string.Empty;
        var allowed = action switch
        {
            "" or "logs" => "GET",
            "start" or "stop" or "restart" => "POST",
            "delete" => "DELETE",
            _ => null,
        };
        if (allowed is null)
        {
            await DjangoResponses.NotFoundAsync(context);
            return;
        }

        if (method != allowed)
        {
            await DjangoResponses.NotAllowedAsync(context, allowed);
            return;
        }

        object? body;
        lock (store.Gate)
        {
            var deployment = store.Find(user, name);
            body = deployment is null ? null : action switch
            {
                "" => Detail(store, deployment),
                "logs" => Logs(deployment, context.Request.Query["tail"]),
                "start" => Start(store, deployment),
                "stop" or "restart" when store.Options.AsRunAtCommit => 500, // the view queues a task name no worker registers
                "stop" => Queue(store, deployment, PendingWork.Stop, "stop"),
                "restart" => Queue(store, deployment, PendingWork.Restart, "restart"),
                _ => Delete(store, deployment),
            };
        }

        if (body is null)
        {
            await DjangoResponses.ErrorAsync(context, 404, $"Deployment {name} not found");
        }
        else if (body is int status)
        {
            await (status == 500 ? DjangoResponses.ServerErrorAsync(context) : DjangoResponses.NotFoundAsync(context));
        }
        else
        {
            await DjangoResponses.JsonAsync(context, body);
        }
    }

    private static async Task ListAsync(HttpContext context, FakeStore store, string user)
    {
        var query = context.Request.Query;
        if (!TryInt(query["page"], 1, out var page) || !TryInt(query["per_page"], 20, out var perPage) || perPage < 1)
        {
            await DjangoResponses.ServerErrorAsync(context); // int('x') or Paginator(per_page=0) raise in the view
            return;
        }

        var status = query["status"].ToString();
        object body;
        lock (store.Gate)
        {
            var all = store.Deployments.Where(d => d.Owner == user && (status.Length == 0 || d.Status == status)).ToList();
            var pages = Math.Max(1, (all.Count + perPage - 1) / perPage);
            var shown = Math.Clamp(page, 1, pages); // Paginator.get_page: out of range gives the last page
            body = new Dictionary<string, object>
            {
                ["deployments"] = all.Skip((shown - 1) * perPage).Take(perPage).Select(Item).ToList(),
                ["pagination"] = new Dictionary<string, object> { ["page"] = page, ["per_page"] = perPage, ["total"] = all.Count, ["pages"] = pages },
            };
        }

        await DjangoResponses.JsonAsync(context, body);
    }

    private static async Task CreateAsync(HttpContext context, FakeStore store, string user)
    {
        JsonElement data;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            data = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await DjangoResponses.ErrorAsync(context, 400, "Invalid JSON");
            return;
        }

        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("name", out var nameValue) || !data.TryGetProperty("repo_url", out var repoValue))
        {
            await DjangoResponses.ErrorAsync(context, 400, "Missing required fields: name, repo_url");
            return;
        }

        var name = nameValue.ToString();
        var repo = repoValue.ToString();
        var branch = data.TryGetProperty("branch", out var b) ? b : default;
        var domain = data.TryGetProperty("domain", out var d) ? d : default;
        if (branch.ValueKind is JsonValueKind.Null || domain.ValueKind is JsonValueKind.Null)
        {
            await DjangoResponses.ErrorAsync(context, 500, "NOT NULL constraint failed: application_deployments." + (branch.ValueKind is JsonValueKind.Null ? "branch" : "domain"));
            return;
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.TryGetProperty("env_vars", out var vars) && vars.ValueKind == JsonValueKind.Object)
        {
            foreach (var variable in vars.EnumerateObject())
            {
                env[variable.Name] = variable.Value.ToString();
            }
        }

        object body;
        lock (store.Gate)
        {
            if (store.NameTaken(name))
            {
                body = $"Deployment {name} already exists";
            }
            else
            {
                var created = store.Create(user, name, repo, branch.ValueKind == JsonValueKind.String ? branch.GetString()! : "main",
                    domain.ValueKind == JsonValueKind.String ? domain.GetString()! : string.Empty, env);
                body = new Dictionary<string, object> { ["id"] = created.Id, ["name"] = created.Name, ["status"] = created.Status, ["message"] = "Deployment queued successfully" };
            }
        }

        await (body is string error ? DjangoResponses.ErrorAsync(context, 400, error) : DjangoResponses.JsonAsync(context, body, 201));
    }

    private static Dictionary<string, object?> Detail(FakeStore store, FakeDeployment deployment)
    {
        store.Advance(deployment);
        var item = Item(deployment);
        item["env_vars"] = deployment.EnvVars;
        return item;
    }

    private static object Logs(FakeDeployment deployment, string? tail)
    {
        IEnumerable<FakeLogEntry> logs = deployment.Logs.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id);
        if (!string.IsNullOrEmpty(tail))
        {
            if (!int.TryParse(tail, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return 500;
            }

            logs = logs.Take(n);
        }

        return new Dictionary<string, object>
        {
            ["logs"] = logs.Select(l => new Dictionary<string, object> { ["id"] = l.Id, ["level"] = l.Level, ["message"] = l.Message, ["created_at"] = DjangoResponses.Iso(l.CreatedAt) }).ToList(),
        };
    }

    private static Dictionary<string, object> Start(FakeStore store, FakeDeployment deployment)
    {
        // As at 06ba752: the status field is set; no process is started.
        FakeStore.SetStatus(deployment, "running");
        return new Dictionary<string, object> { ["message"] = $"Deployment {deployment.Name} started", ["status"] = deployment.Status };
    }

    private static Dictionary<string, object> Queue(FakeStore store, FakeDeployment deployment, PendingWork work, string verb)
    {
        FakeStore.Queue(deployment, work);
        if (work == PendingWork.Restart)
        {
            store.Log(deployment, "info", "Restart requested");
        }

        return new Dictionary<string, object> { ["message"] = $"Deployment {deployment.Name} {verb} queued", ["status"] = deployment.Status };
    }

    private static Dictionary<string, object> Delete(FakeStore store, FakeDeployment deployment)
    {
        if (!store.Options.AsRunAtCommit)
        {
            FakeStore.Queue(deployment, PendingWork.Delete); // at the commit the task crashes: the record stays
        }

        return new Dictionary<string, object> { ["message"] = $"Deployment {deployment.Name} delete queued" };
    }

    private static Dictionary<string, object?> Item(FakeDeployment d) => new()
    {
        ["id"] = d.Id,
        ["name"] = d.Name,
        ["status"] = d.Status,
        ["project_type"] = d.ProjectType,
        ["repo_url"] = d.RepoUrl,
        ["branch"] = d.Branch,
        ["domain"] = d.Domain,
        ["port"] = d.Port,
        ["created_at"] = DjangoResponses.Iso(d.CreatedAt),
        ["updated_at"] = DjangoResponses.Iso(d.UpdatedAt),
    };

    private static bool TryInt(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
