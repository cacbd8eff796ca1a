"""licheng's papermill engines, as papermill's ``papermill.engine`` entry points find them.

papermill loads its entry points while it is itself being imported, and
:mod:`licheng.publishing.execute` imports papermill: pointing the entry points
there would import that module inside its own import. These stand-ins import
nothing of licheng until a notebook runs, then hand over to the real engines.
"""
from papermill.engines import NBClientEngine


class _Deferred(NBClientEngine):
    target = ""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        from licheng.publishing import execute

        return getattr(execute, cls.target).execute_managed_notebook(nb_man, kernel_name, **kwargs)


class LichengEngine(_Deferred):
    """A new interpreter per notebook (:class:`licheng.publishing.execute.LichengEngine`)."""

    target = "LichengEngine"


class LichengForkEngine(_Deferred):
    """A kernel forked from a pre-imported server (:class:`licheng.publishing.execute.LichengForkEngine`)."""

    target = "LichengForkEngine"
