"""Server configuration for the Galata UI tests (never use in production: no auth)."""

import os
import tempfile

from jupyterlab.galata import configure_jupyter_server

from jupyter_ext.store import init_store

c = get_config()  # type: ignore[name-defined]  # noqa: F821
configure_jupyter_server(c)
c.ServerApp.allow_root = True
# Each UI test run gets its own empty team store and a named author.
os.environ.setdefault("JUPYTER_SNAPSHOT_STORE", tempfile.mkdtemp(prefix="jupyter-ext-ui-store-"))
# a team store is made on purpose (`jupyter snapshot init`); harmless when it already is one
init_store(os.environ["JUPYTER_SNAPSHOT_STORE"])
os.environ.setdefault("JUPYTER_SNAPSHOT_AUTHOR", "galata")
c.SnapshotApp.sync_interval = 2.0
# Silence the news/update checks that would try to reach the internet.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
# Commits made through jupyterlab-git in the coexistence test need an identity.
for _name, _value in (("NAME", "Galata"), ("EMAIL", "galata@example.com")):
    os.environ.setdefault(f"GIT_AUTHOR_{_name}", _value)
    os.environ.setdefault(f"GIT_COMMITTER_{_name}", _value)
