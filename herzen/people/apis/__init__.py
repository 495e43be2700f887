"""JSON API of the person record: persons, spellings, contact points, households, identity documents, stays,
entry refusals and risk factors, one module each.

One class per operation; `herzen.api.urls` joins the operations of one URL with `herzen.core.api.resource`
(collections take GET and POST, items GET, PATCH and DELETE where deletion makes sense). Records of another
organisation answer 404, exactly like records that do not exist.
"""
