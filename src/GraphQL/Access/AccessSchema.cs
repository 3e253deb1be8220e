using Crm.Contracts.Tenants;
using Crm.Contracts.Tenants.Access;
using Crm.GraphQL.Access.Invitations;
using Crm.GraphQL.Customers;
using Crm.GraphQL.Tenants;
using Crm.ServiceDefaults.Tenancy;
using GraphQL.Engine.Execution;
using GraphQL.Engine.Types;

namespace Crm.GraphQL.Access;

/// <summary>The tenant's people and keys: who is calling, users, invitations and API keys, managed by admins.</summary>
public static class AccessSchema
{
    public const int MaxKeyNameLength = 100;

    /// <summary>Invitations are accepted within a week, or an admin sends a new one.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public static SchemaBuilder AddAccess(this SchemaBuilder schema) => schema
        .AddTypeDefinitions(EmbeddedText.Load("Access/access.graphql"))
        .AddQuery("viewer", Permissions.Read, context => ValueTask.FromResult<object?>(Viewer(context)))
        .AddQuery("users", Permissions.Admin, async context => (object?)await Access(context).ListUsersAsync())
        .AddQuery("invitations", Permissions.Admin, async context => (object?)await Access(context).ListInvitationsAsync())
        .AddQuery("apiKeys", Permissions.Admin, async context => (object?)await Access(context).ListApiKeysAsync())
        .AddMutation("createApiKey", Permissions.Admin, CreateApiKeyAsync)
        .AddMutation("revokeApiKey", Permissions.Admin, context => RunAsync(context,
            async access => new { ApiKey = (ApiKeyInfo?)await access.RevokeApiKeyAsync(context.Argument<string>("id")!), Errors = UserError.None },
            errors => new { ApiKey = (ApiKeyInfo?)null, Errors = errors }))
        .AddMutation("inviteUser", Permissions.Admin, InviteAsync)
        .AddMutation("changeUserRole", Permissions.Admin, context => RunAsync(context,
            async access => UserPayload(await access.ChangeRoleAsync(context.Argument<string>("userId")!, Role(context.Argument<string>("role")!))),
            errors => new { User = (TenantUser?)null, Errors = errors }))
        .AddMutation("deactivateUser", Permissions.Admin, context => RunAsync(context,
            async access => UserPayload(await access.DeactivateUserAsync(context.Argument<string>("userId")!)),
            errors => new { User = (TenantUser?)null, Errors = errors }));

    private static object Viewer(IResolverContext context)
    {
        var claims = context.Services.GetRequiredService<TenantContext>().RequireClaims();
        return new { claims.Actor, claims.Permissions, Plan = claims.Plan.ToUpperInvariant() };
    }

    private static async ValueTask<object?> CreateApiKeyAsync(IResolverContext context)
    {
        var input = new CustomerInputs(context.Argument<IReadOnlyDictionary<string, object?>>("input")!);
        var name = input.RequiredString("name").Trim();
        var scopes = (input.Strings("scopes") ?? []).Select(s => Enum.Parse<ApiKeyScope>(s, ignoreCase: true)).Distinct().ToArray();
        var invalid = name.Length == 0 ? ("name", "A key needs a name that says what it is for.")
            : name.Length > MaxKeyNameLength ? ("name", $"A key's name may have at most {MaxKeyNameLength} characters.")
            : scopes.Length == 0 ? ("scopes", "A key needs at least one scope: READ, WRITE or ADMIN.")
            : default((string Field, string Message)?);
        if (invalid is var (field, message))
            return new { ApiKey = (ApiKeyInfo?)null, Key = (string?)null, Errors = Invalid(field, message) };

        var claims = context.Services.GetRequiredService<TenantContext>().RequireClaims();
        var key = ApiKey.Create(claims.TenantId);
        return await RunAsync(context,
            async access =>
            {
                var info = await access.CreateApiKeyAsync(new NewApiKey(name, scopes, key.SecretHash, key.DisplayPrefix, input.Instant("expiresAt"), claims.Actor));
                return new { ApiKey = (ApiKeyInfo?)info, Key = (string?)key.ToString(), Errors = UserError.None };
            },
            errors => new { ApiKey = (ApiKeyInfo?)null, Key = (string?)null, Errors = errors });
    }

    private static async ValueTask<object?> InviteAsync(IResolverContext context)
    {
        var input = new CustomerInputs(context.Argument<IReadOnlyDictionary<string, object?>>("input")!);
        var email = input.RequiredString("email").Trim();
        if (!TenantSignupRules.IsEmail(email))
            return new { Invitation = (Invitation?)null, Token = (string?)null, Errors = Invalid("email", "The email must be an address like name@example.com.") };
        var claims = context.Services.GetRequiredService<TenantContext>().RequireClaims();
        var token = ApiKey.Create(claims.TenantId, ApiKey.InvitationPrefix);
        var expiresAt = context.Services.GetRequiredService<TimeProvider>().GetUtcNow() + InvitationLifetime;
        return await RunAsync(context,
            async access =>
            {
                // Stored first, then mailed: a mail server that is down loses no invitation, and the answer says so.
                // The mail goes out even if the caller has gone: the invitation it announces is already kept.
                var invitation = await access.InviteAsync(email, Role(input.RequiredString("role")), token.SecretHash, expiresAt, claims.Actor);
                var tenant = await context.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantGrain>(claims.TenantId).GetAsync()
                    ?? throw new InvalidOperationException($"The tenant {claims.TenantId} of a signed request is not registered.");
                var emailSent = await context.Services.GetRequiredService<InvitationMail>().TrySendAsync(invitation, tenant, token.ToString(), CancellationToken.None);
                return new { Invitation = (Invitation?)invitation, Token = (string?)token.ToString(), EmailSent = emailSent, Errors = UserError.None };
            },
            errors => new { Invitation = (Invitation?)null, Token = (string?)null, EmailSent = false, Errors = errors });
    }

    private static object UserPayload(TenantUser user) => new { User = (TenantUser?)user, Errors = UserError.None };

    /// <summary>Runs a change on the tenant's access grain; a broken rule becomes a typed error naming its input.</summary>
    private static async ValueTask<object?> RunAsync(IResolverContext context, Func<ITenantAccessGrain, Task<object>> change, Func<IReadOnlyList<UserError>, object> failed)
    {
        try
        {
            return await change(Access(context));
        }
        catch (AccessException e)
        {
            return failed(Invalid(e.Field, e.Message));
        }
    }

    private static IReadOnlyList<UserError> Invalid(string field, string message) => [new ValidationError(message, ["input", field])];

    private static TenantRole Role(string graphName) => Enum.Parse<TenantRole>(graphName, ignoreCase: true);

    private static ITenantAccessGrain Access(IResolverContext context) =>
        context.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenantAccessGrain>(CustomersSchema.TenantId(context));
}
