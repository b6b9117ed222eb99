"""Words that say nothing about what a referral question is about: a message made only of
them (a greeting, thanks) is no question, and a capitalised one is no name to hide."""

from __future__ import annotations

# Words that say nothing about the topic of a referral question.
_STOPWORD_TEXT = """
    a ai aie aient ais ait alors as au aucun aussi autre aux avaient avais avait avec avez
    avoir avons ayant bah ben bien bon bonjour bonsoir c ca car ce ceci cela celle celui ces
    cet cette chez ci coucou comme comment d dans de des deja depuis dit dire disent dois doit
    donc dont du elle elles en encore entre es est et ete etes etre eu eux fait faire fais faut
    fois hier ici il ils j je jour la le les leur leurs lui m ma mais me meme mes mien moi mon
    n ne ni nos notre nous on ont ou où par parce pas peu peut peux plus pour pourquoi pourrait
    puis puisque qu quand que quel quelle quelles quels qui quoi sa sans se ses si son sont
    suis sur ta te tes toi ton tous tout toute toutes tres tu un une unes uns vers voila vos
    votre vous y oui non ok okay merci salut hello hey allo qqn quelqu quelque quelqun quelquun
    chose choses truc trucs genre vraiment orienter oriente orientation relais relai aider aide
    aidez conseil conseils conseiller besoin question questions savoir sais sait situation cas
    personne personnes ans an age agee age fille filles garcon garcons enfant enfants eleve
    eleves mineur mineure mineurs gens quoique parle parler parlé parlait raconte racontee
    confie confiee explique demande demandé demander veut voudrait voulais veux pense penser
    crois croit trouve trouver sujet propos avant apres maintenant aujourd hui soir matin
    semaine mois depuis tjs toujours jamais souvent ya structure promeneur promeneuse
    promeneurs net vrai font faites ecrit ecrire ecris ecrivent envoye envoie envoyer mp dm va
    vais vont aller allez beaucoup trop super cherche chercher contacter contacte appeler rien
    tout tous pouvez pourriez pourrais dois devrais quoi qu quel est-ce estce
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
