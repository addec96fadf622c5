package dev.gatehouse.api.connection;

import dev.gatehouse.agent.ToolAcceptance;
import dev.gatehouse.agent.ToolInventory;
import dev.gatehouse.agent.ToolReviewRefused;
import dev.gatehouse.api.http.EntityTags;
import dev.gatehouse.api.http.IfMatch;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.connection.ConnectionChangeRefused;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.ConnectionDocument;
import dev.gatehouse.connection.ConnectionService;
import dev.gatehouse.connection.ConnectionSpec;
import dev.gatehouse.connection.ConnectionView;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.identity.OperatorRole;
import dev.gatehouse.proxy.ConnectionProbe;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code /api/v1/connections}: the registry's admin API. Reads are open to admins and auditors (a
 * connection's tools also to reviewers), changes to admins — accepting a tool's new definition
 * included. Each connection carries an {@code ETag} of its version; a change sent with an {@code
 * If-Match} naming an older version is refused with 412, so two operators cannot overwrite each
 * other unnoticed. Request bodies are parsed here (not by the container) so that malformed JSON is
 * a 400 problem document like any other invalid request.
 */
@Path("api/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(OperatorRole.ADMIN)
public class ConnectionResource {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @Inject ConnectionService connections;

  @Inject ConnectionDirectory directory;

  @Inject ConnectionProbe probe;

  @Inject ToolInventory inventory;

  @Inject ToolAcceptance acceptance;

  @Context SecurityContext security;

  @Context UriInfo uri;

  @GET
  @RequiresRole({OperatorRole.ADMIN, OperatorRole.AUDITOR})
  public List<ConnectionView> list() {
    return connections.list();
  }

  @GET
  @Path("{name}")
  @RequiresRole({OperatorRole.ADMIN, OperatorRole.AUDITOR})
  public Response read(@PathParam("name") String name) {
    return withTag(Response.ok(), connections.find(name));
  }

  @GET
  @Path("{name}/tools")
  @RequiresRole({OperatorRole.ADMIN, OperatorRole.AUDITOR, OperatorRole.REVIEWER})
  public List<ToolInventory.Entry> tools(@PathParam("name") String name) throws SQLException {
    connections.find(name);
    return inventory.list(name);
  }

  @GET
  @Path("{name}/tools/{tool}")
  @RequiresRole({OperatorRole.ADMIN, OperatorRole.AUDITOR, OperatorRole.REVIEWER})
  public JsonObject tool(@PathParam("name") String name, @PathParam("tool") String tool)
      throws SQLException {
    connections.find(name);
    return ToolReviewJson.write(
        inventory
            .review(name, tool)
            .orElseThrow(
                () ->
                    new ToolReviewRefused(
                        404, "unknown_tool", "No tool by that name was seen on the connection.")));
  }

  /**
   * Accepts the definition a quarantined tool lists now: it becomes the pin, and the tool is listed
   * and callable again. An optional body {@code {"fingerprint": "<pending fingerprint>"}} names the
   * definition the admin reviewed; another one pending by then is not accepted.
   */
  @POST
  @Path("{name}/tools/{tool}/accept")
  public JsonObject acceptTool(
      @PathParam("name") String name, @PathParam("tool") String tool, String body) {
    connections.find(name);
    return ToolReviewJson.write(
        acceptance.accept(name, tool, ToolReviewJson.reviewedFingerprint(body), actor()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(String body) {
    ConnectionView created = connections.create(parse(body), actor());
    return withTag(
        Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()), created);
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response update(
      @PathParam("name") String name, @HeaderParam("If-Match") String ifMatch, String body) {
    ConnectionView updated =
        connections.update(name, parse(body), IfMatch.version(ifMatch), actor());
    return withTag(Response.ok(), updated);
  }

  @DELETE
  @Path("{name}")
  public Response delete(@PathParam("name") String name, @HeaderParam("If-Match") String ifMatch) {
    connections.delete(name, IfMatch.version(ifMatch), actor());
    return Response.noContent().build();
  }

  /** The whole registry as one declarative document, secrets omitted. */
  @GET
  @Path("export")
  @RequiresRole({OperatorRole.ADMIN, OperatorRole.AUDITOR})
  public ConnectionDocument export() {
    return connections.export();
  }

  /**
   * Upserts every connection of a document shaped like the export, all or nothing; a secret may be
   * given inline or left out to keep the stored one.
   */
  @POST
  @Path("import")
  @Consumes(MediaType.APPLICATION_JSON)
  public ConnectionDocument.ImportResult importDocument(String body) {
    return connections.importAll(parseDocument(body), actor());
  }

  @POST
  @Path("rotate-secrets")
  public ConnectionService.RotationResult rotateSecrets() {
    return connections.rotateSecrets(actor());
  }

  /**
   * Performs the TLS handshake (and, with {@code healthPath}, one GET) as the data path would, and
   * reports protocol, suite and chain, or the precise failure ({@code ok: false} and a reason).
   */
  @POST
  @Path("{name}/test")
  public ConnectionProbe.Result test(
      @PathParam("name") String name, @QueryParam("healthPath") String healthPath) {
    directory.evict(name);
    UpstreamTarget target = directory.find(name).orElseThrow(ConnectionChangeRefused::unknown);
    return probe.probe(target, healthPath);
  }

  private String actor() {
    return security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName();
  }

  private static Response withTag(Response.ResponseBuilder builder, ConnectionView view) {
    return builder.entity(view).tag(EntityTags.ofVersion(view.version())).build();
  }

  /** The document's connections; other top-level sections (policies, later) are ignored here. */
  private static List<ConnectionSpec> parseDocument(String body) {
    if (body == null || body.isBlank()) {
      throw ConnectionChangeRefused.invalid(
          List.of(new FieldError("", "a JSON object is required")));
    }
    try {
      ImportDocument doc = JSONB.fromJson(body, ImportDocument.class);
      if (doc == null) {
        throw ConnectionChangeRefused.invalid(
            List.of(new FieldError("", "a JSON object is required")));
      }
      return doc.connections();
    } catch (JsonbException e) {
      // The parser's message may quote the input, which may hold a secret: never repeat it.
      throw ConnectionChangeRefused.invalid(
          List.of(new FieldError("", "is not a JSON object {\"connections\":[...]}")));
    }
  }

  /** The import's request body. */
  public record ImportDocument(List<ConnectionSpec> connections) {}

  private static ConnectionSpec parse(String body) {
    if (body == null || body.isBlank()) {
      throw ConnectionChangeRefused.invalid(
          List.of(new FieldError("", "a JSON object is required")));
    }
    try {
      ConnectionSpec spec = JSONB.fromJson(body, ConnectionSpec.class);
      if (spec == null) {
        throw ConnectionChangeRefused.invalid(
            List.of(new FieldError("", "a JSON object is required")));
      }
      return spec;
    } catch (JsonbException e) {
      // The parser's message may quote the input, which may hold a secret: never repeat it.
      throw ConnectionChangeRefused.invalid(
          List.of(new FieldError("", "is not a JSON object of the connection's fields")));
    }
  }
}
