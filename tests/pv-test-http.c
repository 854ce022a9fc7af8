/* pv-test-http.c
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pv-test-http.h"

struct _PvTestHttp
{
  char           *root;
  char           *base_url;
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  GSocketService *service;

  GMutex          mutex;
  GCond           cond;
  gboolean        started;
  GError         *start_error;
  GPtrArray      *requests;   /* char *, under mutex */
  GPtrArray      *handlers;   /* Handler *, under mutex */
};

typedef struct
{
  char              *prefix;
  PvTestHttpHandler  func;
  gpointer           user_data;
} Handler;

static void
handler_free (gpointer data)
{
  Handler *handler = data;

  g_free (handler->prefix);
  g_free (handler);
}

/* The handler for path, if any (copied out under the mutex). */
static gboolean
find_handler (PvTestHttp *self,
              const char *path,
              Handler    *out)
{
  gboolean found = FALSE;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->handlers->len && !found; i++)
    {
      Handler *handler = g_ptr_array_index (self->handlers, i);
      gsize n = strlen (handler->prefix);

      if (strncmp (path, handler->prefix, n) == 0 && (path[n] == '\0' || path[n] == '/'))
        {
          *out = *handler;
          found = TRUE;
        }
    }
  g_mutex_unlock (&self->mutex);
  return found;
}

static void
respond (GOutputStream *out,
         const char    *status,
         const char    *type,
         const char    *body,
         gsize          length,
         gboolean       head)
{
  g_autofree char *header = NULL;

  header = g_strdup_printf ("HTTP/1.0 %s\r\n"
                            "Content-Type: %s\r\n"
                            "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                            "Connection: close\r\n"
                            "\r\n",
                            status, type, length);
  if (!g_output_stream_write_all (out, header, strlen (header), NULL, NULL, NULL))
    return;
  if (!head && length > 0)
    g_output_stream_write_all (out, body, length, NULL, NULL, NULL);
}

static const char *
content_type (const char *path)
{
  if (g_str_has_suffix (path, ".png"))
    return "image/png";
  if (g_str_has_suffix (path, ".jpg") || g_str_has_suffix (path, ".jpeg"))
    return "image/jpeg";
  if (g_str_has_suffix (path, ".json"))
    return "application/json";
  return "application/xml";
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  PvTestHttp *self = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autofree char *line = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unescaped = NULL;
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean head;
  char *query;
  Handler handler;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  line = g_data_input_stream_read_line (data, NULL, NULL, NULL);
  if (line == NULL)
    return TRUE;
  /* The headers: read and ignored. */
  for (;;)
    {
      g_autofree char *header = g_data_input_stream_read_line (data, NULL, NULL, NULL);

      if (header == NULL || header[0] == '\0' || g_str_equal (header, "\r"))
        break;
    }

  parts = g_strsplit (g_strstrip (line), " ", 3);
  if (g_strv_length (parts) < 2 ||
      !(g_str_equal (parts[0], "GET") || g_str_equal (parts[0], "HEAD")))
    {
      respond (out, "405 Method Not Allowed", "text/plain", "", 0, FALSE);
      return TRUE;
    }
  head = g_str_equal (parts[0], "HEAD");

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->requests, g_strdup (parts[1]));
  g_mutex_unlock (&self->mutex);

  path = g_strdup (parts[1]);
  if ((query = strchr (path, '?')) != NULL)
    *query++ = '\0';
  unescaped = g_uri_unescape_string (path, NULL);
  if (unescaped == NULL || unescaped[0] != '/' || strstr (unescaped, "..") != NULL)
    {
      respond (out, "400 Bad Request", "text/plain", "", 0, head);
      return TRUE;
    }
  if (find_handler (self, unescaped, &handler))
    {
      const char *type = "application/octet-stream";
      g_autoptr(GBytes) body = handler.func (unescaped, query, &type, handler.user_data);
      gsize size = 0;
      gconstpointer bytes = body != NULL ? g_bytes_get_data (body, &size) : NULL;

      if (body == NULL)
        respond (out, "404 Not Found", "text/plain", "", 0, head);
      else
        respond (out, "200 OK", type, bytes, size, head);
      return TRUE;
    }
  file = g_build_filename (self->root, unescaped + 1, NULL);
  /* A folder serves its index.json (an OGC API's "/collections" and
   * "/collections/x/items" can then both be files). */
  if (g_file_test (file, G_FILE_TEST_IS_DIR))
    {
      char *index = g_build_filename (file, "index.json", NULL);

      g_free (file);
      file = index;
    }
  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR) ||
      !g_file_get_contents (file, &contents, &length, NULL))
    {
      respond (out, "404 Not Found", "text/plain", "", 0, head);
      return TRUE;
    }
  /* JSON is JSON whatever the file is called (an OGC API's "items"). */
  respond (out, "200 OK", length > 0 && (contents[0] == '{' || contents[0] == '[') ? "application/json"
                                                                               : content_type (file),
           contents, length, head);
  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  PvTestHttp *self = data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (self->context);
  self->service = g_socket_service_new ();
  if (g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                     G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                     NULL, &effective, &error))
    {
      guint16 port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

      self->base_url = g_strdup_printf ("http://127.0.0.1:%u", port);
      g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
      g_socket_service_start (self->service);
    }

  g_mutex_lock (&self->mutex);
  self->started = TRUE;
  self->start_error = error;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (error == NULL)
    g_main_loop_run (self->loop);

  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);
  /* Let the cancelled accept finish in this context. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

PvTestHttp *
pv_test_http_new (const char  *root,
                  GError     **error)
{
  PvTestHttp *self = g_new0 (PvTestHttp, 1);

  self->root = g_strdup (root);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->handlers = g_ptr_array_new_with_free_func (handler_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("pv-test-http", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      pv_test_http_free (self);
      return NULL;
    }
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
pv_test_http_free (PvTestHttp *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_ptr_array_unref (self->requests);
  g_ptr_array_unref (self->handlers);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->base_url);
  g_free (self->root);
  g_free (self);
}

const char *
pv_test_http_get_base_url (PvTestHttp *self)
{
  return self->base_url;
}

guint
pv_test_http_get_n_requests (PvTestHttp *self)
{
  guint n;

  g_mutex_lock (&self->mutex);
  n = self->requests->len;
  g_mutex_unlock (&self->mutex);
  return n;
}

GStrv
pv_test_http_dup_requests (PvTestHttp *self)
{
  GStrv copy;

  g_mutex_lock (&self->mutex);
  copy = g_new0 (char *, self->requests->len + 1);
  for (guint i = 0; i < self->requests->len; i++)
    copy[i] = g_strdup (g_ptr_array_index (self->requests, i));
  g_mutex_unlock (&self->mutex);
  return copy;
}

void
pv_test_http_reset (PvTestHttp *self)
{
  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->requests, 0);
  g_mutex_unlock (&self->mutex);
}

void
pv_test_http_add_handler (PvTestHttp        *self,
                          const char        *path_prefix,
                          PvTestHttpHandler  handler,
                          gpointer           user_data)
{
  Handler *h = g_new0 (Handler, 1);

  g_return_if_fail (path_prefix != NULL && path_prefix[0] == '/');
  g_return_if_fail (handler != NULL);

  h->prefix = g_strdup (path_prefix);
  h->func = handler;
  h->user_data = user_data;
  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->handlers, h);
  g_mutex_unlock (&self->mutex);
}
