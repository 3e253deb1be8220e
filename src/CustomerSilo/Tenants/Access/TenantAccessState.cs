using Crm.Contracts.Tenants.Access;
using Crm.Contracts.Tenants.Plans;

namespace Crm.CustomerSilo.Tenants.Access;

[GenerateSerializer, Alias("crm.TenantAccessState")]
public sealed class TenantAccessState
{
    [Id(0)] public TenantPlan Plan { get; set; }
    [Id(1)] public List<UserRecord> Users { get; set; } = [];
    [Id(2)] public List<InvitationRecord> Invitations { get; set; } = [];
    [Id(3)] public List<ApiKeyRecord> ApiKeys { get; set; } = [];
}

[GenerateSerializer, Alias("crm.UserRecord")]
public sealed class UserRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public TenantRole Role { get; set; }
    [Id(4)] public string PasswordHash { get; set; } = "";
    [Id(5)] public bool Active { get; set; } = true;
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }

    public TenantUser ToUser() => new(Id, Email, Name, Role, Active, CreatedAt);
}

[GenerateSerializer, Alias("crm.InvitationRecord")]
public sealed class InvitationRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public TenantRole Role { get; set; }
    [Id(3)] public string TokenHash { get; set; } = "";
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(5)] public string InvitedBy { get; set; } = "";
    [Id(6)] public DateTimeOffset? AcceptedAt { get; set; }

    public Invitation ToInvitation() => new(Id, Email, Role, ExpiresAt, InvitedBy, AcceptedAt);
}

[GenerateSerializer, Alias("crm.ApiKeyRecord")]
public sealed class ApiKeyRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string Prefix { get; set; } = "";
    [Id(3)] public string SecretHash { get; set; } = "";
    [Id(4)] public List<ApiKeyScope> Scopes { get; set; } = [];
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public string CreatedBy { get; set; } = "";
    [Id(7)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(8)] public DateTimeOffset? RevokedAt { get; set; }

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public ApiKeyInfo ToInfo() => new(Id, Name, Prefix, Scopes, CreatedAt, CreatedBy, ExpiresAt, RevokedAt);
}
